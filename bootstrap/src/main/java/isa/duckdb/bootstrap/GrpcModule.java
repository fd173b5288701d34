package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Server;
import io.grpc.TlsChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import isa.duckdb.adapters.grpc.AuthInterceptor;
import isa.duckdb.adapters.grpc.CallListener;
import isa.duckdb.adapters.grpc.CallLog;
import isa.duckdb.adapters.grpc.CallMetricsInterceptor;
import isa.duckdb.adapters.grpc.DuckDBGrpcService;
import isa.duckdb.adapters.grpc.ForwardingInterceptor;
import isa.duckdb.adapters.grpc.GrpcCurrentCallAdapter;
import isa.duckdb.adapters.grpc.GrpcServices;
import isa.duckdb.adapters.grpc.HealthRpcs;
import isa.duckdb.adapters.grpc.OwnerChannels;
import isa.duckdb.adapters.grpc.StreamLimits;
import isa.duckdb.application.port.out.CurrentCall;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server on Netty: our service (its handlers build themselves), standard health and
 * reflection, the call metrics interceptor, and a pool of {@code maxConcurrentCalls} call threads.
 */
@Module
abstract class GrpcModule {
    static final String CALLS = "calls";
    private static final int MAX_INBOUND_MESSAGE_BYTES = 16 * 1024 * 1024;

    private GrpcModule() {
    }

    @Provides
    static StreamLimits streamLimits(ServiceConfig config) {
        ResourceBounds bounds = config.resourceBounds();
        return StreamLimits.defaults().withBounds(bounds.streamIdleTimeout(), bounds.maxUploadSize().bytes(),
                bounds.uploadIdleTimeout());
    }

    /** The core learns which call it serves (running queries) from the gRPC context. */
    @Binds
    abstract CurrentCall currentCall(GrpcCurrentCallAdapter adapter);

    /** One line per finished call, and a slow-query line (README, "Metrics and logs"). */
    @Provides
    @IntoSet
    static CallListener callLog(ServiceConfig config) {
        return new CallLog(config.observability().slowQuery());
    }

    @Provides
    @Named(HealthRpcs.SERVICE_VERSION)
    static String serviceVersion() {
        return ServiceVersion.current();
    }

    /**
     * Runs at most {@code maxConcurrentCalls} calls at once; more wait in its queue. A {@link ForkJoinPool} in
     * async (FIFO) mode rather than a fixed thread pool: handing a call from Netty's event loop to a parked
     * worker cost about 0.25 ms more per call with the fixed pool of this size, which wakes its threads in
     * turn (README, "What a call costs").
     */
    @Provides
    @Singleton
    @Named(CALLS)
    static ExecutorService callExecutor(ServiceConfig config) {
        return new ForkJoinPool(config.maxConcurrentCalls(), pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("grpc-call-" + thread.getPoolIndex());
            return thread;
        }, null, true);
    }

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopCalls(@Named(CALLS) ExecutorService executor);

    /** Closed by {@link ServiceRuntime#stop()} after the server stopped. */
    @Provides
    @Singleton
    static OwnerChannels ownerChannels(ServiceConfig config) {
        return OwnerChannels.over(forwardingCredentials(config));
    }

    /**
     * Plain text unless this server speaks TLS; then TLS trusting the certificates of this server's own chain file
     * ({@code --tls-cert}: instances sharing a certificate, or one issued by a CA the file includes, trust each
     * other; the owner's advertised host is checked against its certificate) and, with mutual TLS, presenting that
     * certificate and key as the client certificate (README, "Several instances").
     */
    static ChannelCredentials forwardingCredentials(ServiceConfig config) {
        if (config.tls().isEmpty()) {
            return InsecureChannelCredentials.create();
        }
        TlsConfig tls = config.tls().get();
        try {
            TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder()
                    .trustManager(tls.certificateChain().toFile());
            if (tls.clientCa().isPresent()) {
                builder.keyManager(tls.certificateChain().toFile(), tls.privateKey().toFile());
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("the TLS files cannot be read", e);
        }
    }

    @Provides
    @Singleton
    static Server server(ServiceConfig config, DuckDBGrpcService service, GrpcServices standard,
            @Named(CALLS) ExecutorService calls, CallMetricsInterceptor callMetrics, AuthInterceptor auth,
            ForwardingInterceptor forwarding, ServerCredentials credentials) {
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.bindHost(), config.grpcPort()), credentials)
                .executor(calls)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .addService(service)
                // the last interceptor added runs first: calls are counted, authenticated, then forwarded to the
                // instance owning their database or served here
                .intercept(forwarding)
                .intercept(auth)
                .intercept(callMetrics);
        standard.standardServices().forEach(builder::addService);
        return builder.build();
    }
}
