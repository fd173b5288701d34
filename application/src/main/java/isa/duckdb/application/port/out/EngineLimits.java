package isa.duckdb.application.port.out;

import java.nio.file.Path;

/**
 * Resources and settings an open database runs with: worker threads, memory, its own scratch folder, the
 * engine's time zone ({@code TimeZone} for DuckDB, an engine-spelled name from {@link QueryEngine#timeZone};
 * UTC unless the database's config chose one: wire contract, "Values at the edges"), and how much its spill files
 * may hold ({@code max_temp_directory_size}, e.g. {@code 10GB}; empty: DuckDB's default, 90% of the free disk).
 * With {@code walShipping} the engine keeps its write-ahead log append-only between the service's own checkpoints
 * and logical (every committed change in the log itself), so that the log's bytes can be shipped and replayed on a
 * copy of the database file ({@code --durability commit}; for DuckDB: no automatic checkpoints, no optimistic
 * writes of large inserts into the database file).
 */
public record EngineLimits(int threads, String memoryLimit, Path scratch, String timeZone, String maxTempDirectorySize,
        boolean walShipping) {

    /** Limits without log shipping. */
    public EngineLimits(int threads, String memoryLimit, Path scratch, String timeZone, String maxTempDirectorySize) {
        this(threads, memoryLimit, scratch, timeZone, maxTempDirectorySize, false);
    }

    /** Limits with DuckDB's own bound on spill files. */
    public EngineLimits(int threads, String memoryLimit, Path scratch, String timeZone) {
        this(threads, memoryLimit, scratch, timeZone, "");
    }

    /** Limits for a database running in UTC. */
    public EngineLimits(int threads, String memoryLimit, Path scratch) {
        this(threads, memoryLimit, scratch, "UTC");
    }
}
