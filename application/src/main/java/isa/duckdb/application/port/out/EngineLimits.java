package isa.duckdb.application.port.out;

import java.nio.file.Path;

/** Resources an open database may use: worker threads, memory, and its own scratch folder. */
public record EngineLimits(int threads, String memoryLimit, Path scratch) {
}
