package isa.duckdb.bootstrap;

import isa.duckdb.domain.ByteSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The hard memory bound under the memory guard: the process's soft {@code RLIMIT_DATA} (Linux counts every
 * private writable mapping: heap, {@code malloc}, thread stacks). Some DuckDB work cannot be interrupted while it
 * allocates (one expression building a list of half a billion elements, {@code range(500000000)}, in a single
 * call); with this limit its allocation fails and DuckDB answers its own Out of Memory Error (RESOURCE_EXHAUSTED)
 * instead of the kernel killing the process. Set with util-linux's {@code prlimit} on this process at start, as
 * Java has no call for it.
 */
final class DataSegmentLimit {
    /** Room above the process memory limit for mappings that are reserved but not resident (stacks, arenas). */
    static final ByteSize HEADROOM = ByteSize.of(1L << 30);

    private DataSegmentLimit() {
    }

    /** The data limit for a process memory limit: {@link #HEADROOM} above it. */
    static ByteSize forProcessLimit(ByteSize processLimit) {
        return ByteSize.of(processLimit.bytes() + HEADROOM.bytes());
    }

    /** Sets this process's soft {@code RLIMIT_DATA}; returns an explanation when it could not. */
    static java.util.Optional<String> apply(ByteSize limit) {
        long pid = ProcessHandle.current().pid();
        try {
            Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--data=" + limit.bytes() + ":")
                    .redirectErrorStream(true).start();
            String output = new String(prlimit.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!prlimit.waitFor(10, TimeUnit.SECONDS) || prlimit.exitValue() != 0) {
                return java.util.Optional.of("prlimit failed: " + output);
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("prlimit (util-linux) is not installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        }
    }
}
