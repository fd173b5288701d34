package isa.duckdb.application.service;

public record LifecycleStats(int openDatabases, long cacheHits, long cacheMisses, long syncs, long syncFailures,
        long dirtyDatabases) {
}
