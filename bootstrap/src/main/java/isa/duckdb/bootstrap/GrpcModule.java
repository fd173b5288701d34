package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import isa.duckdb.adapters.grpc.AuthInterceptor;
import isa.duckdb.adapters.grpc.CallListener;
import isa.duckdb.adapters.grpc.CallLog;
import isa.duckdb.adapters.grpc.CallMetricsInterceptor;
import isa.duckdb.adapters.grpc.DuckDBGrpcService;
import isa.duckdb.adapters.grpc.GrpcCurrentCallAdapter;
import isa.duckdb.adapters.grpc.GrpcServices;
import isa.duckdb.adapters.grpc.HealthRpcs;
import isa.duckdb.adapters.grpc.StreamLimits;
import isa.duckdb.application.port.out.CurrentCall;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server on Netty: our service (its handlers build themselves), standard health and
 * reflection, the call metrics interceptor, and a fixed pool of {@code maxConcurrentCalls} threads.
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

    @Provides
    @Singleton
    @Named(CALLS)
    static ExecutorService callExecutor(ServiceConfig config) {
        ThreadPoolExecutor calls = (ThreadPoolExecutor) Executors.newFixedThreadPool(config.maxConcurrentCalls(),
                DaemonThreads.named("grpc-call"));
        // made now, not when a call first needs one: under the process's data limit a thread made late may fail
        calls.prestartAllCoreThreads();
        return calls;
    }

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopCalls(@Named(CALLS) ExecutorService executor);

    @Provides
    @Singleton
    static Server server(ServiceConfig config, DuckDBGrpcService service, GrpcServices standard,
            @Named(CALLS) ExecutorService calls, CallMetricsInterceptor callMetrics, AuthInterceptor auth,
            ServerCredentials credentials) {
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.bindHost(), config.grpcPort()), credentials)
                .executor(calls)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .addService(service)
                // the last interceptor added runs first: calls are counted, then authenticated
                .intercept(auth)
                .intercept(callMetrics);
        standard.standardServices().forEach(builder::addService);
        return builder.build();
    }
}
