package isa.duckdb.bootstrap;

import dagger.Module;
import dagger.Provides;
import isa.duckdb.application.port.in.BackupUseCase;
import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.TransferDataUseCase;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.ManageDatabasesUseCase;
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
import isa.duckdb.application.service.HealthService;
import isa.duckdb.application.service.LifecycleScheduler;
import isa.duckdb.application.service.LifecycleSettings;
import isa.duckdb.application.service.PreparedStatements;
import isa.duckdb.application.service.QueryService;
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
    static QueryService queryService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, Clock clock,
            @Named(TIMERS) ScheduledExecutorService timers) {
        return new QueryService(catalog, lifecycle, new PreparedStatements(clock), new CallTimer(timers));
    }

    @Provides
    @Singleton
    static HealthService healthService(QueryEngine engine, ObjectStorage storage, DatabaseLifecycle lifecycle,
            Clock clock) {
        return new HealthService(engine, storage, lifecycle, clock);
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
}
