package isa.duckdb.application.port.in;

import java.time.Duration;

/**
 * What the service counted since it started.
 *
 * @param queries SQL statements run by ExecuteQuery/Stream/Statement/Batch: time spent in the engine
 * @param queriesFailed of those, the ones the engine refused or that failed while running
 */
public record ServiceMetrics(LatencySummary queries, long queriesFailed, int openDatabases, long unsyncedDatabases,
        long cacheHits, long cacheMisses, long syncs, long syncFailures, Duration uptime) {
}
