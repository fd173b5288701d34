package isa.duckdb.application.port.out;

/**
 * The memory the whole service process holds, as the operating system counts it (resident set size: the JVM's
 * heap and everything native, DuckDB's allocations included). {@code MemoryGuard} compares it with the process
 * memory limit.
 */
public interface ProcessMemory {

    /** Bytes resident now, or -1 when this platform cannot tell (the guard then does nothing). */
    long residentBytes();
}
