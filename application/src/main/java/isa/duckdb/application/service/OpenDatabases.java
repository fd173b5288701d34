package isa.duckdb.application.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases open in this instance, by key, and which of them to close: the least recently
 * used idle ones when over the limit, the ones idle past a cutoff. A database with calls running
 * (a share held on its gate) is never chosen.
 */
final class OpenDatabases {
    private final Map<DatabaseKey, OpenDatabase> open = new ConcurrentHashMap<>();
    private final Map<DatabaseKey, Object> locks = new ConcurrentHashMap<>();

    /** The monitor that serialises opening, creating and recovering one database. */
    Object lockFor(DatabaseKey key) {
        return locks.computeIfAbsent(key, k -> new Object());
    }

    /** The open database, or null. */
    OpenDatabase get(DatabaseKey key) {
        return open.get(key);
    }

    void put(OpenDatabase database) {
        open.put(database.key, database);
    }

    /** Removes the entry if it is still this database (a newer one opened meanwhile stays). */
    void remove(OpenDatabase database) {
        open.remove(database.key, database);
    }

    boolean contains(DatabaseKey key) {
        return open.containsKey(key);
    }

    int size() {
        return open.size();
    }

    /** A copy, safe to iterate while databases open and close. */
    List<OpenDatabase> all() {
        return List.copyOf(open.values());
    }

    long dirtyCount() {
        return open.values().stream().filter(OpenDatabase::hasUnsyncedChanges).count();
    }

    /** Idle databases to close so that at most {@code maxOpen} stay open, least recently used first. */
    List<OpenDatabase> overLimit(int maxOpen) {
        int excess = open.size() - maxOpen;
        if (excess <= 0) {
            return List.of();
        }
        return open.values().stream()
                .filter(d -> d.gate.sharedCount() == 0)
                .sorted(Comparator.comparing(d -> d.lastAccess))
                .limit(excess)
                .toList();
    }

    /** Idle databases last used before {@code cutoff}. */
    List<OpenDatabase> idleBefore(Instant cutoff) {
        return all().stream()
                .filter(d -> d.gate.sharedCount() == 0 && d.lastAccess.isBefore(cutoff))
                .toList();
    }
}
