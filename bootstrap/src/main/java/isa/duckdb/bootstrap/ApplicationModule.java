package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import isa.duckdb.application.port.in.BackupUseCase;
import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.ControlQueriesUseCase;
import isa.duckdb.application.port.in.CreateFunctionUseCase;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.GetMetricsUseCase;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.LocateDatabaseUseCase;
import isa.duckdb.application.port.in.ManageDatabasesUseCase;
import isa.duckdb.application.port.in.ManageExtensionsUseCase;
import isa.duckdb.application.port.in.ManageTablesUseCase;
import isa.duckdb.application.port.in.ManageViewsUseCase;
import isa.duckdb.application.port.in.PrepareStatementUseCase;
import isa.duckdb.application.port.in.TransferDataUseCase;
import isa.duckdb.application.service.BackupService;
import isa.duckdb.application.service.CallTimer;
import isa.duckdb.application.service.DataTransferService;
import isa.duckdb.application.service.DatabaseLocationService;
import isa.duckdb.application.service.DatabaseService;
import isa.duckdb.application.service.ExtensionService;
import isa.duckdb.application.service.FunctionService;
import isa.duckdb.application.service.HealthService;
import isa.duckdb.application.service.LifecycleScheduler;
import isa.duckdb.application.service.LifecycleSettings;
import isa.duckdb.application.service.MetricsService;
import isa.duckdb.application.service.QueryControlService;
import isa.duckdb.application.service.QueryService;
import isa.duckdb.application.service.TableService;
import isa.duckdb.application.service.ViewService;
import isa.duckdb.domain.ExtensionAllowList;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The use cases, each bound to the service implementing it, and what the services take from the
 * configuration. The services and their collaborators build themselves ({@code @Inject} constructors).
 */
@Module
abstract class ApplicationModule {

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
        ResourceBounds bounds = config.resourceBounds();
        return new LifecycleSettings(config.workRoot(), config.threadsPerDatabase(),
                bounds.databaseMemoryLimit(config.memoryLimit(), Runtime.getRuntime().maxMemory()),
                config.maxOpenDatabases(), config.idleTimeout(), config.syncInterval(),
                bounds.maxTempDirectorySizeText(), config.durability());
    }

    @Provides
    static ExtensionAllowList extensionAllowList(ServiceConfig config) {
        return config.extensionAllowList();
    }

    @Provides
    @Singleton
    @Named(LifecycleScheduler.EXECUTOR)
    static ScheduledExecutorService maintenanceExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lifecycle"));
    }

    @Provides
    @Singleton
    @Named(CallTimer.EXECUTOR)
    static ScheduledExecutorService timerExecutor() {
        return DaemonThreads.callTimers("call-timer");
    }

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopMaintenance(@Named(LifecycleScheduler.EXECUTOR) ScheduledExecutorService executor);

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopTimers(@Named(CallTimer.EXECUTOR) ScheduledExecutorService executor);

    @Binds
    abstract ManageDatabasesUseCase manageDatabases(DatabaseService service);

    @Binds
    abstract ExecuteQueryUseCase executeQuery(QueryService service);

    @Binds
    abstract ExecuteStatementUseCase executeStatement(QueryService service);

    @Binds
    abstract ExecuteBatchUseCase executeBatch(QueryService service);

    @Binds
    abstract PrepareStatementUseCase prepareStatement(QueryService service);

    @Binds
    abstract TransferDataUseCase transferData(DataTransferService service);

    @Binds
    abstract ImportStreamUseCase importStream(DataTransferService service);

    @Binds
    abstract BackupUseCase backups(BackupService service);

    @Binds
    abstract ManageTablesUseCase manageTables(TableService service);

    @Binds
    abstract ManageViewsUseCase manageViews(ViewService service);

    @Binds
    abstract CreateFunctionUseCase createFunction(FunctionService service);

    @Binds
    abstract ManageExtensionsUseCase manageExtensions(ExtensionService service);

    @Binds
    abstract CheckHealthUseCase checkHealth(HealthService service);

    @Binds
    abstract GetMetricsUseCase getMetrics(MetricsService service);

    @Binds
    abstract ControlQueriesUseCase controlQueries(QueryControlService service);

    @Binds
    abstract LocateDatabaseUseCase locateDatabase(DatabaseLocationService service);
}
