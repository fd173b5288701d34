package isa.duckdb.application.port.out;

import java.nio.file.Path;

/**
 * Resources and settings an open database runs with: worker threads, memory, its own scratch folder, and the
 * engine's time zone ({@code TimeZone} for DuckDB, an engine-spelled name from {@link QueryEngine#timeZone};
 * UTC unless the database's config chose one: wire contract, "Values at the edges").
 */
public record EngineLimits(int threads, String memoryLimit, Path scratch, String timeZone) {

    /** Limits for a database running in UTC. */
    public EngineLimits(int threads, String memoryLimit, Path scratch) {
        this(threads, memoryLimit, scratch, "UTC");
    }
}
