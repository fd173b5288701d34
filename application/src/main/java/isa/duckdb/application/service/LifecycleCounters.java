package isa.duckdb.application.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the lifecycle counted since this instance started: totals, and the same per database
 * (kept while the database exists, open or not; forgotten when it is discarded).
 */
final class LifecycleCounters {
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong cacheMisses = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong syncFailures = new AtomicLong();
    private final Map<DatabaseKey, DatabaseCounters> perDatabase = new ConcurrentHashMap<>();

    /** Counts an acquire: a miss when it opened the database, a hit when it was open already. */
    DatabaseCounters acquired(DatabaseKey key, boolean opened) {
        (opened ? cacheMisses : cacheHits).incrementAndGet();
        DatabaseCounters counters = of(key);
        (opened ? counters.cacheMisses : counters.cacheHits).increment();
        return counters;
    }

    void synced(DatabaseKey key) {
        syncs.incrementAndGet();
        of(key).syncs.increment();
    }

    void syncFailed(DatabaseKey key) {
        syncFailures.incrementAndGet();
        of(key).syncFailures.increment();
    }

    void forget(DatabaseKey key) {
        perDatabase.remove(key);
    }

    /** One database's counters and its state; {@code database} is the open one, if any. */
    DatabaseActivity activity(DatabaseKey key, OpenDatabase database) {
        DatabaseCounters counted = perDatabase.getOrDefault(key, new DatabaseCounters());
        boolean isOpen = database != null && !database.gate.isClosed();
        return new DatabaseActivity(isOpen, isOpen ? database.gate.sharedCount() : 0,
                isOpen && database.hasUnsyncedChanges(), counted.cacheHits.sum(), counted.cacheMisses.sum(),
                counted.syncs.sum(), counted.syncFailures.sum(), counted.queries.summary(), counted.queries.failures(),
                isOpen ? Optional.of(database.lastAccess) : Optional.empty());
    }

    LifecycleStats stats(int openDatabases, long dirtyDatabases) {
        return new LifecycleStats(openDatabases, cacheHits.get(), cacheMisses.get(), syncs.get(), syncFailures.get(),
                dirtyDatabases);
    }

    private DatabaseCounters of(DatabaseKey key) {
        DatabaseCounters existing = perDatabase.get(key);
        return existing != null ? existing : perDatabase.computeIfAbsent(key, k -> new DatabaseCounters());
    }
}
