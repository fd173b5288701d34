package isa.duckdb.adapters.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.domain.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link DuckDBGrpcService} (every handler, default {@link StreamLimits}, the metrics interceptor)
 * over stub use cases, on an in-process gRPC server, with the generated client stubs.
 */
final class InProcessService implements AutoCloseable {
    static final String VERSION = "9.9.9-test";
    /** Calls with SQL taking this long get a slow-query line, unless a test sets its own threshold. */
    static final Duration SLOW_QUERY = Duration.ofHours(1);

    final UseCaseStubs stubs;
    final RpcMetrics rpcMetrics = new RpcMetrics();
    final StreamStats streamStats = new StreamStats();
    private final ExecutorService serverThreads;
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final Server server;
    private final ManagedChannel channel;
    private final String name;

    private InProcessService(UseCaseStubs stubs, boolean threaded, Duration slowQuery) {
        this(stubs, threaded, slowQuery, StreamLimits.defaults(), List.of());
    }

    private InProcessService(UseCaseStubs stubs, boolean threaded, Duration slowQuery, StreamLimits limits) {
        this(stubs, threaded, slowQuery, limits, List.of());
    }

    /** @param inner interceptors that run after authentication, the first one closest to the service */
    private InProcessService(UseCaseStubs stubs, boolean threaded, Duration slowQuery, StreamLimits limits,
            List<ServerInterceptor> inner) {
        this.stubs = stubs;
        StreamTimers timers = new StreamTimers(timerThread);
        DuckDBGrpcService service = new DuckDBGrpcService(
                new DatabaseRpcs(stubs.databases),
                new QueryRpcs(stubs.queries, stubs.statements, stubs.batches, stubs.preparer, limits),
                new QueryStreamRpcs(stubs.queries, limits, streamStats, timers),
                new StorageRpcs(stubs.transfers, stubs.uploads, stubs.backups, limits, timers),
                new CatalogRpcs(stubs.catalog, stubs.views, stubs.catalog, stubs.catalog),
                new HealthRpcs(stubs.health, stubs.metrics, streamStats, rpcMetrics, VERSION),
                new QueryControlRpcs(stubs.control));
        name = InProcessServerBuilder.generateName();
        List<ServerInterceptor> interceptors = new ArrayList<>(inner);
        interceptors.add(new AuthInterceptor((token, optional) -> Principal.trusted()));
        interceptors.add(new CallMetricsInterceptor(rpcMetrics, Set.of(new CallLog(slowQuery))));
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(service, interceptors));
        serverThreads = threaded ? Executors.newCachedThreadPool() : null;
        if (threaded) {
            builder.executor(serverThreads);
        } else {
            builder.directExecutor();
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    /** Calls run on the caller's thread: what a test sees after a call returns is all that happened. */
    static InProcessService start(UseCaseStubs stubs) {
        return new InProcessService(stubs, false, SLOW_QUERY);
    }

    /** As {@link #start}, logging a slow-query line for calls with SQL that take {@code slowQuery} or longer. */
    static InProcessService start(UseCaseStubs stubs, Duration slowQuery) {
        return new InProcessService(stubs, false, slowQuery);
    }

    /** As {@link #startThreaded}, with these stream limits (idle timeouts, upload size). */
    static InProcessService startThreaded(UseCaseStubs stubs, StreamLimits limits) {
        return new InProcessService(stubs, true, SLOW_QUERY, limits);
    }

    /** Calls run on server threads, for use cases that block until the client gives up. */
    static InProcessService startThreaded(UseCaseStubs stubs) {
        return new InProcessService(stubs, true, SLOW_QUERY);
    }

    /**
     * Calls run on server threads, and pass {@code inner} after authentication (the first one closest to the
     * service), e.g. the {@link ForwardingInterceptor}.
     */
    static InProcessService startThreaded(UseCaseStubs stubs, ServerInterceptor... inner) {
        return new InProcessService(stubs, true, SLOW_QUERY, StreamLimits.defaults(), List.of(inner));
    }

    /** The in-process server's name: the "address" other servers reach it at. */
    String name() {
        return name;
    }

    DuckDBServiceGrpc.DuckDBServiceBlockingStub blocking() {
        return DuckDBServiceGrpc.newBlockingStub(channel);
    }

    DuckDBServiceGrpc.DuckDBServiceStub async() {
        return DuckDBServiceGrpc.newStub(channel);
    }

    DuckDBServiceGrpc.DuckDBServiceFutureStub future() {
        return DuckDBServiceGrpc.newFutureStub(channel);
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        if (serverThreads != null) {
            serverThreads.shutdownNow();
        }
        timerThread.shutdownNow();
    }
}
