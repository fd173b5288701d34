package isa.duckdb.bootstrap;

import dagger.Module;
import dagger.Provides;
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
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.application.service.BackupService;
import isa.duckdb.application.service.BucketOwnership;
import isa.duckdb.application.service.CallTimer;
import isa.duckdb.application.service.DataTransferService;
import isa.duckdb.application.service.DatabaseCatalog;
import isa.duckdb.application.service.DatabaseLifecycle;
import isa.duckdb.application.service.DatabaseService;
import isa.duckdb.application.service.ExtensionService;
import isa.duckdb.application.service.FunctionService;
import isa.duckdb.application.service.HealthService;
import isa.duckdb.application.service.LifecycleScheduler;
import isa.duckdb.application.service.LifecycleSettings;
import isa.duckdb.application.service.MetricsService;
import isa.duckdb.application.service.PreparedStatements;
import isa.duckdb.application.service.QueryMetrics;
import isa.duckdb.application.service.QueryService;
import isa.duckdb.application.service.TableService;
import isa.duckdb.application.service.ViewService;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.inject.Named;
import javax.inject.Singleton;

/** The use cases and the services behind them. */
@Module
final class ApplicationModule {
    static final String MAINTENANCE = "maintenance";
    static final String TIMERS = "timers";

    private ApplicationModule() {
    }

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static LifecycleSettings lifecycleSettings(ServiceConfig config) {
        return new LifecycleSettings(config.workRoot(), config.threadsPerDatabase(), config.memoryLimit(),
                config.maxOpenDatabases(), config.idleTimeout(), config.syncInterval());
    }

    @Provides
    @Singleton
    @Named(MAINTENANCE)
    static ScheduledExecutorService maintenanceExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lifecycle"));
    }

    @Provides
    @Singleton
    @Named(TIMERS)
    static ScheduledExecutorService timerExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("call-timer"));
    }

    @Provides
    @Singleton
    static BucketOwnership bucketOwnership(ObjectStorage storage) {
        return new BucketOwnership(storage);
    }

    @Provides
    @Singleton
    static DatabaseCatalog catalog(ObjectStorage storage, BucketOwnership ownership, Clock clock) {
        return new DatabaseCatalog(storage, ownership, clock);
    }

    @Provides
    @Singleton
    static DataTransferService dataTransferService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle,
            ObjectStorage storage, BucketOwnership ownership) {
        return new DataTransferService(catalog, lifecycle, storage, ownership);
    }

    @Provides
    @Singleton
    static BackupService backupService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, ObjectStorage storage,
            QueryEngine engine, Clock clock) {
        return new BackupService(catalog, lifecycle, storage, engine, clock);
    }

    @Provides
    static TransferDataUseCase transferData(DataTransferService service) {
        return service;
    }

    @Provides
    static ImportStreamUseCase importStream(DataTransferService service) {
        return service;
    }

    @Provides
    static BackupUseCase backups(BackupService service) {
        return service;
    }

    @Provides
    @Singleton
    static DatabaseLifecycle lifecycle(ObjectStorage storage, QueryEngine engine, LifecycleSettings settings,
            DatabaseCatalog catalog, Clock clock) {
        return new DatabaseLifecycle(storage, engine, settings, catalog, clock);
    }

    @Provides
    @Singleton
    static LifecycleScheduler lifecycleScheduler(DatabaseLifecycle lifecycle,
            @Named(MAINTENANCE) ScheduledExecutorService executor, LifecycleSettings settings) {
        return new LifecycleScheduler(lifecycle, executor, settings);
    }

    @Provides
    @Singleton
    static DatabaseService databaseService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, ObjectStorage storage,
            QueryEngine engine, Clock clock) {
        return new DatabaseService(catalog, lifecycle, storage, engine, clock);
    }

    @Provides
    @Singleton
    static QueryMetrics queryMetrics() {
        return new QueryMetrics();
    }

    @Provides
    @Singleton
    static QueryService queryService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, Clock clock,
            @Named(TIMERS) ScheduledExecutorService timers, QueryMetrics metrics) {
        return new QueryService(catalog, lifecycle, new PreparedStatements(clock), new CallTimer(timers), metrics);
    }

    @Provides
    @Singleton
    static HealthService healthService(QueryEngine engine, ObjectStorage storage, DatabaseLifecycle lifecycle,
            DatabaseCatalog catalog, Clock clock) {
        return new HealthService(engine, storage, lifecycle, catalog, clock);
    }

    @Provides
    @Singleton
    static TableService tableService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle) {
        return new TableService(catalog, lifecycle);
    }

    @Provides
    @Singleton
    static ViewService viewService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle) {
        return new ViewService(catalog, lifecycle);
    }

    @Provides
    @Singleton
    static FunctionService functionService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle) {
        return new FunctionService(catalog, lifecycle);
    }

    @Provides
    @Singleton
    static ExtensionService extensionService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle,
            ServiceConfig config) {
        return new ExtensionService(catalog, lifecycle, config.extensionAllowList());
    }

    @Provides
    @Singleton
    static MetricsService metricsService(QueryMetrics metrics, DatabaseLifecycle lifecycle, DatabaseCatalog catalog,
            Clock clock) {
        return new MetricsService(metrics, lifecycle, catalog, clock);
    }

    @Provides
    static ManageDatabasesUseCase manageDatabases(DatabaseService service) {
        return service;
    }

    @Provides
    static ExecuteQueryUseCase executeQuery(QueryService service) {
        return service;
    }

    @Provides
    static ExecuteStatementUseCase executeStatement(QueryService service) {
        return service;
    }

    @Provides
    static ExecuteBatchUseCase executeBatch(QueryService service) {
        return service;
    }

    @Provides
    static PrepareStatementUseCase prepareStatement(QueryService service) {
        return service;
    }

    @Provides
    static CheckHealthUseCase checkHealth(HealthService service) {
        return service;
    }

    @Provides
    static ManageTablesUseCase manageTables(TableService service) {
        return service;
    }

    @Provides
    static ManageViewsUseCase manageViews(ViewService service) {
        return service;
    }

    @Provides
    static CreateFunctionUseCase createFunction(FunctionService service) {
        return service;
    }

    @Provides
    static ManageExtensionsUseCase manageExtensions(ExtensionService service) {
        return service;
    }

    @Provides
    static GetMetricsUseCase getMetrics(MetricsService service) {
        return service;
    }
}
