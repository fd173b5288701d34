package isa.duckdb.bootstrap;

import isa.duckdb.application.port.out.ProcessMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link ProcessMemory} on Linux: the resident set the kernel's out-of-memory killer and a container's memory limit
 * look at, read from {@code /proc/self/statm} (pages; one short line, cheap enough for ten reads a second) times
 * the page size, which is found once by comparing with {@code VmRSS} of {@code /proc/self/status} (kB). Elsewhere
 * it tells -1 and the guard is off.
 */
final class ProcfsProcessMemoryAdapter implements ProcessMemory {
    private static final long DEFAULT_PAGE = 4096;
    private final Path statm;
    private final long pageSize;

    ProcfsProcessMemoryAdapter() {
        this(Path.of("/proc/self/statm"), Path.of("/proc/self/status"));
    }

    /** @param statm, status files in the formats of {@code /proc/<pid>/statm} and {@code /proc/<pid>/status} */
    ProcfsProcessMemoryAdapter(Path statm, Path status) {
        this.statm = statm;
        this.pageSize = pageSize(statm, status);
    }

    @Override
    public long residentBytes() {
        long pages = residentPages(statm);
        return pages < 0 ? -1 : pages * pageSize;
    }

    private static long residentPages(Path statm) {
        try {
            String[] fields = new String(Files.readAllBytes(statm), StandardCharsets.US_ASCII).trim().split(" ");
            return fields.length > 1 ? Long.parseLong(fields[1]) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The power of two nearest to VmRSS over statm's resident pages (they are read a moment apart). */
    private static long pageSize(Path statm, Path status) {
        try {
            long pages = residentPages(statm);
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:") && pages > 0) {
                    double ratio = Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024.0
                            / pages;
                    return Long.highestOneBit(Math.round(ratio * 1.4));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: residentBytes() tells -1 anyway
        }
        return DEFAULT_PAGE;
    }
}
