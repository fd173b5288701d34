package isa.duckdb.application.service;

import isa.duckdb.domain.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements prepared by PrepareStatement, remembered by id for later runs with parameters. They
 * belong to one tenant's database, live in this instance's memory, and are forgotten after an
 * hour unused or when too many are held.
 */
@Singleton
public final class PreparedStatements {
    static final int MAX_STATEMENTS = 10_000;
    static final Duration IDLE_LIFETIME = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Entry> statements = new ConcurrentHashMap<>();

    @Inject
    public PreparedStatements(Clock clock) {
        this.clock = clock;
    }

    private static final class Entry {
        final String owner;
        final String sql;
        volatile Instant lastUsed;

        Entry(String owner, String sql, Instant now) {
            this.owner = owner;
            this.sql = sql;
            this.lastUsed = now;
        }
    }

    /** @param owner tenant and database the statement belongs to */
    String remember(String owner, String sql) {
        forgetIdle();
        if (statements.size() >= MAX_STATEMENTS) {
            statements.entrySet().stream()
                    .min((a, b) -> a.getValue().lastUsed.compareTo(b.getValue().lastUsed))
                    .ifPresent(oldest -> statements.remove(oldest.getKey()));
        }
        String id = UUID.randomUUID().toString();
        statements.put(id, new Entry(owner, sql, clock.instant()));
        return id;
    }

    /** NOT_FOUND for an unknown id, another database's statement, or one idle longer than {@link #IDLE_LIFETIME}. */
    String sqlOf(String owner, String statementId) {
        Entry entry = statements.get(statementId);
        if (entry != null && entry.lastUsed.isBefore(clock.instant().minus(IDLE_LIFETIME))) {
            statements.remove(statementId, entry);
            entry = null;
        }
        if (entry == null || !entry.owner.equals(owner)) {
            throw ServiceException.notFound("prepared statement '" + statementId + "' does not exist for this database"
                    + " (statements expire after " + IDLE_LIFETIME.toMinutes() + " idle minutes and belong to the"
                    + " instance that prepared them); prepare it again");
        }
        entry.lastUsed = clock.instant();
        return entry.sql;
    }

    private void forgetIdle() {
        Instant cutoff = clock.instant().minus(IDLE_LIFETIME);
        statements.values().removeIf(e -> e.lastUsed.isBefore(cutoff));
    }
}
