package isa.duckdb.bootstrap;

import isa.duckdb.domain.ByteSize;
import java.time.Duration;

/**
 * The service-wide bounds against a tenant exhausting the process (README, "Resource bounds"; issue 12).
 *
 * @param processMemoryLimit resident memory of the whole process above which the memory guard stops queries
 *     ({@code --process-memory-limit}); zero turns the guard off
 * @param memoryCheckInterval how often the guard samples the process's resident memory
 * @param streamIdleTimeout a result stream whose client takes nothing for this long is ended and its query
 *     stopped ({@code --stream-idle-timeout}); zero never
 * @param maxUploadSize bytes one {@code ImportData} stream may carry ({@code --max-upload-size}); zero: no limit
 * @param uploadIdleTimeout an {@code ImportData} stream that sends nothing for this long is ended
 *     ({@code --upload-idle-timeout}); zero never
 * @param maxTempDirectorySize DuckDB's {@code max_temp_directory_size} per open database
 *     ({@code --max-temp-directory-size}); zero: DuckDB's default (90% of the free disk)
 */
public record ResourceBounds(ByteSize processMemoryLimit, Duration memoryCheckInterval, Duration streamIdleTimeout,
        ByteSize maxUploadSize, Duration uploadIdleTimeout, ByteSize maxTempDirectorySize) {
    /** Room kept for the JVM's own native memory (threads, code, metaspace, gRPC buffers) beside heap and DuckDB. */
    static final ByteSize NATIVE_RESERVE = ByteSize.of(512L << 20);
    /** The smallest {@code memory_limit} a database is given however tight the process limit. */
    static final ByteSize MIN_DATABASE_MEMORY = ByteSize.of(64L << 20);

    /** The README's defaults: 75% of the host's (or container's) memory, 100 ms, 120 s, 10 GiB, 60 s, DuckDB's. */
    public static ResourceBounds defaults() {
        return new ResourceBounds(HostMemory.defaultProcessLimit(), Duration.ofMillis(100), Duration.ofSeconds(120),
                ByteSize.of(10L << 30), Duration.ofSeconds(60), ByteSize.ZERO);
    }

    public ResourceBounds withProcessMemoryLimit(ByteSize limit) {
        return new ResourceBounds(limit, memoryCheckInterval, streamIdleTimeout, maxUploadSize, uploadIdleTimeout,
                maxTempDirectorySize);
    }

    public ResourceBounds withStreamIdleTimeout(Duration timeout) {
        return new ResourceBounds(processMemoryLimit, memoryCheckInterval, timeout, maxUploadSize, uploadIdleTimeout,
                maxTempDirectorySize);
    }

    public ResourceBounds withUploads(ByteSize maxSize, Duration idleTimeout) {
        return new ResourceBounds(processMemoryLimit, memoryCheckInterval, streamIdleTimeout, maxSize, idleTimeout,
                maxTempDirectorySize);
    }

    /**
     * The {@code memory_limit} each database gets: the configured one, but no more than what is left of the process
     * limit after the JVM's largest heap and {@link #NATIVE_RESERVE} (and at least {@link #MIN_DATABASE_MEMORY}).
     *
     * @param configured {@code --memory-limit}, e.g. {@code 1GB}
     * @param maxHeap the JVM's {@code -Xmx} ({@code Runtime.maxMemory()})
     */
    String databaseMemoryLimit(String configured, long maxHeap) {
        if (processMemoryLimit.isZero() || configured == null || configured.isBlank()) {
            return configured;
        }
        long room = processMemoryLimit.bytes() - maxHeap - NATIVE_RESERVE.bytes();
        ByteSize fits = ByteSize.of(Math.max(room, MIN_DATABASE_MEMORY.bytes()));
        return ByteSize.parse(configured, "--memory-limit").compareTo(fits) <= 0 ? configured : fits.duckDbText();
    }

    /** DuckDB's text of {@link #maxTempDirectorySize}, empty for DuckDB's default. */
    String maxTempDirectorySizeText() {
        return maxTempDirectorySize.isZero() ? "" : maxTempDirectorySize.duckDbText();
    }
}
