package isa.duckdb.application.service;

import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantDatabaseRef;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

@Singleton
public final class HealthService implements CheckHealthUseCase {
    static final String DATABASE_DOES_NOT_OPEN = "does not open";

    private final QueryEngine engine;
    private final ObjectStorage storage;
    private final DatabaseLifecycle lifecycle;
    private final DatabaseCatalog catalog;
    private final Clock clock;
    private final Instant started;

    @Inject
    public HealthService(QueryEngine engine, ObjectStorage storage, DatabaseLifecycle lifecycle,
            DatabaseCatalog catalog, Clock clock) {
        this.engine = engine;
        this.storage = storage;
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public HealthReport check(Principal principal, String tenantDatabase) {
        TenantDatabaseRef database = tenantDatabase == null || tenantDatabase.isEmpty()
                ? null
                : TenantDatabaseRef.parse(tenantDatabase);
        if (database != null) {
            principal.requireMayActAs(database.tenant());
        }
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("engine", outcome(() -> {
            engine.selfTest();
            return "ok";
        }));
        checks.put("storage", outcome(() -> {
            storage.checkReachable();
            return "ok";
        }));
        if (database != null) {
            checks.put("database", opens(database) ? "ok" : DATABASE_DOES_NOT_OPEN);
        }
        boolean engineOk = "ok".equals(checks.get("engine"));
        boolean storageOk = "ok".equals(checks.get("storage"));
        boolean databaseOk = !checks.containsKey("database") || "ok".equals(checks.get("database"));
        LifecycleStats stats = lifecycle.stats();
        checks.put("unsynced_databases", Long.toString(stats.dirtyDatabases()));
        boolean healthy = engineOk && storageOk && databaseOk;
        String status = healthy ? "SERVING" : engineOk ? "DEGRADED" : "NOT_SERVING";
        return new HealthReport(healthy, status, checks, lifecycle.openCount(),
                storage.backendName(), Duration.between(started, clock.instant()), engine.version());
    }

    /** Whether the database exists, opens and answers; why not is not told (the call has no user_id). */
    private boolean opens(TenantDatabaseRef ref) {
        try {
            DatabaseDescriptor descriptor = catalog.resolve(ref.tenant(), ref.database());
            try (Lease lease = lifecycle.acquire(descriptor, CancellationSignal.none())) {
                lease.tableCount();
                return true;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String outcome(Supplier<String> check) {
        try {
            return check.get();
        } catch (ServiceException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            // Only our own messages are made safe for callers (no server paths); others may not be.
            return "failed (" + e.getClass().getSimpleName() + ")";
        }
    }
}
