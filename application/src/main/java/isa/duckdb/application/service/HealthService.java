package isa.duckdb.application.service;

import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.QueryEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

public final class HealthService implements CheckHealthUseCase {
    private final QueryEngine engine;
    private final ObjectStorage storage;
    private final DatabaseLifecycle lifecycle;
    private final Clock clock;
    private final Instant started;

    public HealthService(QueryEngine engine, ObjectStorage storage, DatabaseLifecycle lifecycle, Clock clock) {
        this.engine = engine;
        this.storage = storage;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public HealthReport check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("engine", outcome(() -> {
            engine.selfTest();
            return "ok";
        }));
        checks.put("storage", outcome(() -> {
            storage.checkReachable();
            return "ok";
        }));
        boolean engineOk = "ok".equals(checks.get("engine"));
        boolean storageOk = "ok".equals(checks.get("storage"));
        LifecycleStats stats = lifecycle.stats();
        checks.put("unsynced_databases", Long.toString(stats.dirtyDatabases()));
        boolean healthy = engineOk && storageOk;
        String status = healthy ? "SERVING" : engineOk ? "DEGRADED" : "NOT_SERVING";
        return new HealthReport(healthy, status, checks, lifecycle.openCount(),
                storage.backendName(), Duration.between(started, clock.instant()), engine.version());
    }

    private static String outcome(Supplier<String> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
