package isa.duckdb.bench;

import java.util.List;

/**
 * One side of the comparison (the service, PostgreSQL, in-process DuckDB), holding its own
 * connections. Per-thread callers reuse one connection (or channel) per client thread.
 */
public interface Contender extends AutoCloseable {
    /** One call of a rate workload. */
    @FunctionalInterface
    interface Call {
        void call() throws Exception;
    }

    /** Short name for messages ({@code service}, {@code PostgreSQL}, {@code in-process DuckDB}). */
    String name();

    /** Full scan of the lineitem table as rows, touching every value. */
    ScanResult scanRows() throws Exception;

    /**
     * Full scan of the lineitem table as Arrow record batches, touching every value.
     *
     * @throws NotAvailable where the contender has no such path (PostgreSQL) or the server
     *     answers UNIMPLEMENTED
     */
    ScanResult scanArrow() throws Exception;

    /** Runs TPC-H Q1 and answers its rows in {@link Q1Rows} canonical form. */
    List<String> q1() throws Exception;

    /** A caller running {@code SELECT 1} on client thread {@code thread}'s own connection. */
    Call selectOne(int thread) throws Exception;

    /** A caller inserting one row (autocommit) into this contender's own table {@code hits}. */
    Call insertOne(int thread) throws Exception;

    /** Rows now in the {@code hits} table (to check against acknowledged inserts). */
    long insertedRows() throws Exception;

    /** Closes every connection of this contender. */
    @Override
    void close() throws java.sql.SQLException;

    /** A path a contender does not have; its table cell shows the message. */
    final class NotAvailable extends Exception {
        private static final long serialVersionUID = 1L;

        public NotAvailable(String message) {
            super(message);
        }
    }
}
