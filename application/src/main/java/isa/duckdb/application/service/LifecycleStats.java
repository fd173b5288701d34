package isa.duckdb.application.service;

/**
 * The lifecycle's totals since this instance started.
 *
 * @param openDatabases databases open now
 * @param cacheHits acquires that found their database open
 * @param cacheMisses acquires that had to open it (download and open)
 * @param syncs successful write-backs to storage, including the first store of created databases
 * @param syncFailures write-backs that failed (the database stayed open and dirty)
 * @param dirtyDatabases open databases with changes not yet in storage, now
 */
public record LifecycleStats(int openDatabases, long cacheHits, long cacheMisses, long syncs, long syncFailures,
        long dirtyDatabases) {
}
