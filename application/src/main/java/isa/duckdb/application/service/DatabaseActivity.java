package isa.duckdb.application.service;

import isa.duckdb.application.port.in.LatencySummary;
import java.time.Instant;
import java.util.Optional;

/** One database's counters and its state in this instance. */
record DatabaseActivity(boolean open, int callsInFlight, boolean unsyncedChanges, long cacheHits, long cacheMisses,
        long syncs, long syncFailures, LatencySummary queries, long queriesFailed, Optional<Instant> lastAccess) {
}
