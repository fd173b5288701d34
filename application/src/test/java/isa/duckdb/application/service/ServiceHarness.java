package isa.duckdb.application.service;

import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.application.port.out.ServedCall;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.ExtensionAllowList;
import isa.duckdb.domain.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The application core as the server wires it, over fakes: the in-memory storage, a fake engine,
 * a clock and a timer scheduler that move only when told. Services are real, and so are their
 * collaborators (catalog, ownership, lifecycle).
 */
final class ServiceHarness {
    static final TenantId LENA = TenantId.of("lena");
    static final String LENAS_BUCKET = "user-lena-duckdb";
    static final TenantId MIA = TenantId.of("mia");

    final ManualClock clock;
    final ServicesFixture.ManualScheduler timers = new ServicesFixture.ManualScheduler();
    final InMemoryObjectStorage storage;
    final BucketOwnership ownership;
    final DatabaseCatalog catalog;
    final QueryEngine engine;
    final DatabaseLifecycle lifecycle;
    final QueryMetrics metrics = new QueryMetrics();
    final RunningQueries running;
    /** The call the fake inbound adapter says the current thread serves; tests set it. */
    volatile ServedCall currentCall = ServedCall.NONE;
    final Path workRoot;
    TenantLimits limits = TenantLimits.DEFAULTS;
    private TenantAccess access;
    private TenantQuotas quotas;

    ServiceHarness(QueryEngine engine, Path workRoot) {
        this(new ManualClock(ServicesFixture.START), null, engine, workRoot);
    }

    private ServiceHarness(ManualClock clock, InMemoryObjectStorage storage, QueryEngine engine,
            Path workRoot) {
        this.clock = clock;
        this.storage = storage != null ? storage : new InMemoryObjectStorage(clock);
        this.ownership = new BucketOwnership(this.storage);
        this.catalog = new DatabaseCatalog(this.storage, ownership, clock);
        this.engine = engine;
        this.workRoot = workRoot;
        this.running = new RunningQueries(() -> currentCall, clock);
        this.lifecycle = new DatabaseLifecycle(this.storage, engine,
                new LifecycleSettings(workRoot, 2, "256MB", 8, Duration.ofMinutes(5), Duration.ofSeconds(30)),
                catalog, clock);
    }

    /** Another instance (or this one after a restart): same storage and clock, nothing cached, nothing open. */
    ServiceHarness anotherInstance(QueryEngine itsEngine, Path itsWorkRoot) {
        return new ServiceHarness(clock, storage, itsEngine, itsWorkRoot);
    }

    /** The tenant door and quotas every service of this harness shares; {@link #limits} fixes them at first use. */
    TenantAccess access() {
        if (access == null) {
            access = new TenantAccess(limits);
        }
        return access;
    }

    TenantQuotas quotas() {
        if (quotas == null) {
            quotas = new TenantQuotas(storage, limits, clock);
        }
        return quotas;
    }

    DatabaseService databases() {
        return new DatabaseService(catalog, lifecycle, storage, engine, clock, access(), quotas());
    }

    /** Shared by every QueryService of the harness, as the service's one instance is. */
    final CommitGroups commitGroups = new CommitGroups();

    QueryService queries() {
        return new QueryService(catalog, lifecycle, new PreparedStatements(clock), new CallTimer(timers), metrics,
                running, access(), quotas(), commitGroups);
    }

    QueryControlService queryControl() {
        return new QueryControlService(running);
    }

    DataTransferService transfers() {
        return new DataTransferService(catalog, lifecycle, storage, ownership, access(), quotas(),
                new CallTimer(timers));
    }

    BackupService backups() {
        return new BackupService(catalog, lifecycle, storage, engine, clock, access(), quotas());
    }

    TableService tables() {
        return new TableService(catalog, lifecycle, access());
    }

    ViewService views() {
        return new ViewService(catalog, lifecycle, access());
    }

    FunctionService functions() {
        return new FunctionService(catalog, lifecycle, access());
    }

    ExtensionService extensions(String allowList) {
        return new ExtensionService(catalog, lifecycle, ExtensionAllowList.parse(allowList), access());
    }

    HealthService health() {
        return new HealthService(engine, storage, lifecycle, catalog, clock);
    }

    MetricsService metricsService() {
        return new MetricsService(metrics, lifecycle, catalog, clock);
    }

    /** Creates the database as CreateDatabase does. */
    DatabaseDescriptor create(TenantId tenant, String name) {
        return databases().create(new CreateDatabaseCommand(Caller.trusted(tenant), name, "", "", Map.of(), Map.of()))
                .descriptor();
    }
}
