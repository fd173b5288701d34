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
    static StreamLimits streamLimits() {
        return StreamLimits.defaults();
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
