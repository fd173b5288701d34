package isa.duckdb.application.port.out;

import java.nio.file.Path;

/** Opens database files with an embedded SQL engine, sandboxed to the given folder. */
public interface QueryEngine {

    /** Opens (creating if missing) the database file; the engine may only touch {@code limits.scratch()}. */
    EngineDatabase open(Path databaseFile, EngineLimits limits);

    /** The engine's version, e.g. {@code v1.5.6}. */
    String version();

    /** Throws unless the engine can run a trivial query. */
    void selfTest();
}
