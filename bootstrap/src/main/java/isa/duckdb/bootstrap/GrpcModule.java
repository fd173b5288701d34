package isa.duckdb.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import isa.duckdb.adapters.grpc.CallMetricsInterceptor;
import isa.duckdb.adapters.grpc.CatalogRpcs;
import isa.duckdb.adapters.grpc.DatabaseRpcs;
import isa.duckdb.adapters.grpc.DuckDBGrpcService;
import isa.duckdb.adapters.grpc.GrpcServices;
import isa.duckdb.adapters.grpc.HealthRpcs;
import isa.duckdb.adapters.grpc.QueryRpcs;
import isa.duckdb.adapters.grpc.QueryStreamRpcs;
import isa.duckdb.adapters.grpc.RpcMetrics;
import isa.duckdb.adapters.grpc.StorageRpcs;
import isa.duckdb.adapters.grpc.StreamLimits;
import isa.duckdb.adapters.grpc.StreamStats;
import isa.duckdb.application.port.in.BackupUseCase;
import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.TransferDataUseCase;
import isa.duckdb.application.port.in.CreateFunctionUseCase;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.GetMetricsUseCase;
import isa.duckdb.application.port.in.ManageDatabasesUseCase;
import isa.duckdb.application.port.in.ManageExtensionsUseCase;
import isa.duckdb.application.port.in.ManageTablesUseCase;
import isa.duckdb.application.port.in.ManageViewsUseCase;
import isa.duckdb.application.port.in.PrepareStatementUseCase;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.application.service.DatabaseLifecycle;
import isa.duckdb.application.service.LifecycleScheduler;
import isa.duckdb.application.service.ServiceRegistrationService;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Named;
import javax.inject.Singleton;

/** The gRPC server: our service, health, reflection, on Netty. */
@Module
final class GrpcModule {
    static final String CALLS = "calls";
    private static final int MAX_INBOUND_MESSAGE_BYTES = 16 * 1024 * 1024;

    private GrpcModule() {
    }

    @Provides
    @Singleton
    static StreamStats streamStats() {
        return new StreamStats();
    }

    @Provides
    @Singleton
    static RpcMetrics rpcMetrics() {
        return new RpcMetrics();
    }

    @Provides
    @Singleton
    static GrpcServices grpcServices() {
        return new GrpcServices();
    }

    @Provides
    @Singleton
    @Named(CALLS)
    static ExecutorService callExecutor(ServiceConfig config) {
        return Executors.newFixedThreadPool(config.maxConcurrentCalls(), DaemonThreads.named("grpc-call"));
    }

    @Provides
    @Singleton
    static StreamLimits streamLimits() {
        return StreamLimits.defaults();
    }

    @Provides
    @Singleton
    static DuckDBGrpcService duckDbService(ManageDatabasesUseCase databases, ExecuteQueryUseCase queries,
            ExecuteStatementUseCase statements, ExecuteBatchUseCase batches, PrepareStatementUseCase preparer,
            TransferDataUseCase transfers, ImportStreamUseCase uploads, BackupUseCase backups,
            ManageTablesUseCase tables, ManageViewsUseCase views, CreateFunctionUseCase functions,
            ManageExtensionsUseCase extensions, CheckHealthUseCase health, GetMetricsUseCase metrics,
            StreamLimits limits, StreamStats stats, RpcMetrics rpcMetrics) {
        return new DuckDBGrpcService(
                new DatabaseRpcs(databases),
                new QueryRpcs(queries, statements, batches, preparer, limits),
                new QueryStreamRpcs(queries, limits, stats),
                new StorageRpcs(transfers, uploads, backups, limits),
                new CatalogRpcs(tables, views, functions, extensions),
                new HealthRpcs(health, metrics, stats, rpcMetrics, ServiceVersion.current()));
    }

    @Provides
    @Singleton
    static Server server(ServiceConfig config, DuckDBGrpcService service, GrpcServices standard,
            @Named(CALLS) ExecutorService calls, RpcMetrics rpcMetrics) {
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.bindHost(), config.grpcPort()))
                .executor(calls)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .addService(service)
                .intercept(new CallMetricsInterceptor(rpcMetrics));
        standard.standardServices().forEach(builder::addService);
        return builder.build();
    }

    @Provides
    @Singleton
    static ServiceRuntime runtime(ServiceConfig config, Server server, GrpcServices standard,
            DatabaseLifecycle lifecycle, LifecycleScheduler scheduler, ServiceRegistrationService registration,
            ServiceRegistry registry, @Named(CALLS) ExecutorService calls,
            @Named(ApplicationModule.MAINTENANCE) ScheduledExecutorService maintenance,
            @Named(ApplicationModule.TIMERS) ScheduledExecutorService timers,
            @Named(RegistryModule.REGISTRATION) ScheduledExecutorService registrations) {
        return new ServiceRuntime(config, server, standard, lifecycle, scheduler, registration, registry,
                List.of(calls, maintenance, timers, registrations));
    }
}
