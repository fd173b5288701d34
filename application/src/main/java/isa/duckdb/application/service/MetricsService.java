package isa.duckdb.application.service;

import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.GetMetricsUseCase;
import isa.duckdb.application.port.in.ServiceMetrics;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.TenantDatabaseRef;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The counters the service keeps: queries, database cache, syncs; per database on request. */
@Singleton
public final class MetricsService implements GetMetricsUseCase {
    private final QueryMetrics queries;
    private final DatabaseLifecycle lifecycle;
    private final DatabaseCatalog catalog;
    private final Clock clock;
    private final Instant started;

    @Inject
    public MetricsService(QueryMetrics queries, DatabaseLifecycle lifecycle, DatabaseCatalog catalog, Clock clock) {
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public ServiceMetrics serviceMetrics(Principal principal) {
        principal.requireAdmin("service-wide metrics and detailed health");
        LifecycleStats stats = lifecycle.stats();
        return new ServiceMetrics(queries.summary(), queries.failures(), stats.openDatabases(), stats.dirtyDatabases(),
                stats.cacheHits(), stats.cacheMisses(), stats.syncs(), stats.syncFailures(),
                Duration.between(started, clock.instant()));
    }

    @Override
    public DatabaseMetrics databaseMetrics(Principal principal, String tenantDatabase) {
        TenantDatabaseRef ref = TenantDatabaseRef.parse(tenantDatabase);
        principal.requireMayActAs(ref.tenant());
        DatabaseDescriptor descriptor = catalog.resolve(ref.tenant(), ref.database());
        DatabaseActivity activity = lifecycle.activity(descriptor.tenant(), descriptor.name());
        return new DatabaseMetrics(descriptor.tenant().id(), descriptor.name().value(), descriptor.id(),
                activity.queries(), activity.queriesFailed(), activity.open(), activity.callsInFlight(),
                activity.unsyncedChanges(), activity.cacheHits(), activity.cacheMisses(), activity.syncs(),
                activity.syncFailures(), activity.lastAccess());
    }
}
