package isa.duckdb.application.service;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the lifecycle keeps databases open: where, with what engine limits, how many, how long.
 *
 * @param workRoot where working copies of open databases live
 * @param threadsPerDatabase DuckDB worker threads per open database (the cap for tenant config)
 * @param memoryLimit DuckDB memory limit per open database, e.g. "1GB" (empty: DuckDB's default)
 * @param maxOpenDatabases how many databases may be open at once before the least recently used is closed
 * @param idleTimeout an open database unused this long is synced and closed
 * @param syncInterval how often changed databases are written back to object storage
 * @param maxTempDirectorySize DuckDB's {@code max_temp_directory_size} per open database, e.g. "10GB" (empty:
 *     DuckDB's default)
 * @param durability when a write is acknowledged: after the local commit, or after its log is in storage
 */
public record LifecycleSettings(
        Path workRoot,
        int threadsPerDatabase,
        String memoryLimit,
        int maxOpenDatabases,
        Duration idleTimeout,
        Duration syncInterval,
        String maxTempDirectorySize,
        Durability durability) {

    /** Settings with DuckDB's default bound on spill files. */
    public LifecycleSettings(Path workRoot, int threadsPerDatabase, String memoryLimit, int maxOpenDatabases,
            Duration idleTimeout, Duration syncInterval) {
        this(workRoot, threadsPerDatabase, memoryLimit, maxOpenDatabases, idleTimeout, syncInterval, "");
    }

    /** Settings with {@link Durability#PERIODIC} durability. */
    public LifecycleSettings(Path workRoot, int threadsPerDatabase, String memoryLimit, int maxOpenDatabases,
            Duration idleTimeout, Duration syncInterval, String maxTempDirectorySize) {
        this(workRoot, threadsPerDatabase, memoryLimit, maxOpenDatabases, idleTimeout, syncInterval,
                maxTempDirectorySize, Durability.PERIODIC);
    }

    /** The same settings with another durability. */
    public LifecycleSettings withDurability(Durability value) {
        return new LifecycleSettings(workRoot, threadsPerDatabase, memoryLimit, maxOpenDatabases, idleTimeout,
                syncInterval, maxTempDirectorySize, value);
    }
}
