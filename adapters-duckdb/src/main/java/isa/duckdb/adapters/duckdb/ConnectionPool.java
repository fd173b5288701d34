package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.SqlScript;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;

/**
 * Idle connections of one open database, kept for the next call instead of duplicating the root connection
 * every time ({@code duckdb_jdbc_connect} and {@code disconnect} showed in the per-call profile, README,
 * "Benchmark").
 *
 * <p>A connection comes back only in the state a fresh one has: no transaction open (autocommit on), no result
 * open, and none of its calls ran SQL that can leave state on the connection. DuckDB keeps per-connection state
 * for temporary tables, views, macros and sequences, prepared statements ({@code PREPARE}), variables
 * ({@code SET VARIABLE}), the current schema ({@code USE}), settings of the session ({@code SET}, {@code PRAGMA},
 * {@code CALL enable_profiling()}) and the random seed ({@code setseed}). Rather than undo these, a connection
 * that ran anything but the statements of {@link #leavesNoState} is closed after its call.
 */
final class ConnectionPool implements AutoCloseable {
    /**
     * Statements that read or change rows only: they cannot create per-connection state. Not {@code EXPLAIN}:
     * {@code EXPLAIN ANALYZE} runs the statement it explains, whatever it is.
     */
    private static final Set<String> STATELESS = Set.of("SELECT", "WITH", "FROM", "VALUES", "TABLE", "INSERT",
            "UPDATE", "DELETE", "MERGE", "DESCRIBE", "SHOW", "SUMMARIZE");
    /** Functions that change the connection's state from inside a statement of {@link #STATELESS}. */
    private static final List<String> STATEFUL_CALLS = List.of("setseed", "enable_", "disable_", "set_variable");

    private final DuckDBConnection root;
    private final int maxIdle;
    private final ConcurrentLinkedDeque<DuckDBConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** @param maxIdle connections kept at most; more are closed when given back */
    ConnectionPool(DuckDBConnection root, int maxIdle) {
        this.root = root;
        this.maxIdle = maxIdle;
    }

    /** The most recently given back connection (its caches are warm), or a new one duplicated from the root. */
    DuckDBConnection take() throws SQLException {
        DuckDBConnection connection = idle.pollFirst();
        if (connection != null) {
            idleCount.decrementAndGet();
            return connection;
        }
        return (DuckDBConnection) root.duplicate();
    }

    /**
     * Keeps the connection for the next call when {@code reusable} and there is room, else closes it.
     * @param reusable whether the caller vouches that the connection is as fresh as a new one
     */
    void giveBack(DuckDBConnection connection, boolean reusable) {
        if (reusable && !closed) {
            if (idleCount.incrementAndGet() <= maxIdle) {
                idle.offerFirst(connection);
                if (closed && idle.remove(connection)) {
                    closeQuietly(connection);
                }
                return;
            }
            idleCount.decrementAndGet();
        }
        closeQuietly(connection);
    }

    /**
     * Whether running this SQL can leave nothing behind on the connection: every statement starts with a
     * keyword of {@link #STATELESS} and none calls a function of {@link #STATEFUL_CALLS}.
     */
    static boolean leavesNoState(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String call : STATEFUL_CALLS) {
            if (lower.contains(call)) {
                return false;
            }
        }
        for (List<String> lead : SqlScript.parse(sql).leadingKeywords(1)) {
            if (lead.isEmpty() || !STATELESS.contains(lead.get(0))) {
                return false;
            }
        }
        return true;
    }

    /** Closes every idle connection; connections given back later are closed at once. */
    @Override
    public void close() {
        closed = true;
        for (DuckDBConnection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(DuckDBConnection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection that fails to close has nothing left to give back
        }
    }
}
