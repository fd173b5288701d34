package isa.duckdb.application.port.out;

import java.nio.file.Path;

/** One open database file. Thread-safe; each call opens its own session. */
public interface EngineDatabase extends AutoCloseable {

    /** A new session; several may run at once, each seeing the others' committed work only. */
    EngineSession openSession();

    /**
     * Writes all committed changes into the database file and copies it to {@code target}. The
     * caller guarantees no session runs meanwhile, so the copy is a consistent snapshot.
     */
    void snapshotTo(Path target);

    /**
     * Changes whenever committed data may have changed since the last call's value; the same after
     * reads and rolled-back transactions. Opaque: compare for equality only.
     */
    String changeMarker();

    /**
     * Length of the database's write-ahead log now, in bytes (0 when there is none). Between two
     * {@link #snapshotTo} calls of a database opened with {@link EngineLimits#walShipping} the log only grows, each
     * commit appending its changes; a snapshot empties it.
     */
    default long walLength() {
        return 0;
    }

    /**
     * Copies the write-ahead log's bytes {@code [from, to)} to {@code target} (replaced). Bytes below
     * {@link #walLength()} read at any time stay as they were until the next {@link #snapshotTo}.
     *
     * @throws isa.duckdb.domain.ServiceException INTERNAL when the log is shorter than {@code to} or unreadable
     */
    default void copyWal(long from, long to, Path target) {
        throw new UnsupportedOperationException("this engine does not ship its write-ahead log");
    }

    /**
     * Changes whenever the database file itself (not its log) may have changed: a checkpoint. Opaque; compare for
     * equality only.
     */
    default String fileMarker() {
        return changeMarker();
    }

    /** How many base tables the database holds (all schemas). */
    int tableCount();

    /** Size of the database file and its write-ahead log, in bytes. */
    long sizeBytes();

    /**
     * Memory the engine holds for this database now, in bytes (DuckDB: {@code duckdb_memory()} summed: buffers,
     * table data, hash tables of running queries). Reading it takes no lease and runs beside running sessions.
     */
    long memoryBytes();

    /** Closes the engine's instance; committed work stays in the file. Closing twice does nothing. */
    @Override
    void close();
}
