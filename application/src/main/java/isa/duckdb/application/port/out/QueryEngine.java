package isa.duckdb.application.port.out;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens database files with an embedded SQL engine, sandboxed to the given folder. What every
 * implementation guarantees (answers, batches, transactions, cancellation, error kinds) is proven
 * by {@code QueryEngineContract} in application's test-jar, for the DuckDB adapter and the fake.
 */
public interface QueryEngine {

    /**
     * Opens (creating if missing) the database file; the engine may only touch {@code limits.scratch()}.
     * INTERNAL when the file exists but is not one of the engine's database files, or its folder is missing.
     */
    EngineDatabase open(Path databaseFile, EngineLimits limits);

    /**
     * The write-ahead log {@link #open} replays for {@code databaseFile} (DuckDB: {@code {file}.wal} beside it);
     * a log placed there before opening is applied to the file when it opens.
     */
    default Path walFileOf(Path databaseFile) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + ".wal");
    }

    /**
     * Whether the local file looks like one of this engine's database files (for DuckDB: the
     * magic bytes {@code DUCK} at offset 8 of the main header, DuckDB's storage format), checked
     * before a foreign file such as a restored backup is opened. Reads a few bytes; false for a
     * missing or short file.
     */
    boolean isDatabaseFile(Path file);

    /**
     * The engine's own spelling of a time zone name, matched without regard to case against the zones it knows
     * (for DuckDB, {@code pg_timezone_names()}: {@code asia/tokyo} → {@code Asia/Tokyo}); empty for a zone it
     * does not know. Used to check a database's {@code timezone} config before it is created. By default an
     * engine knows only {@code UTC}.
     */
    default Optional<String> timeZone(String name) {
        return "UTC".equalsIgnoreCase(name) ? Optional.of("UTC") : Optional.empty();
    }

    /** The engine's version, e.g. {@code v1.5.6}. */
    String version();

    /** Throws unless the engine can run a trivial query. */
    void selfTest();
}
