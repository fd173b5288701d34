package isa.duckdb.application.port.in;

import java.time.Instant;
import java.util.Optional;

/**
 * What the service counted for one database since it started (counters of a deleted database
 * are dropped with it).
 *
 * @param callsInFlight calls holding the database open right now
 * @param lastAccess when a call last used it, if it is open here
 */
public record DatabaseMetrics(String tenant, String databaseName, String databaseId, LatencySummary queries,
        long queriesFailed, boolean open, int callsInFlight, boolean unsyncedChanges, long cacheHits, long cacheMisses,
        long syncs, long syncFailures, Optional<Instant> lastAccess) {
}
