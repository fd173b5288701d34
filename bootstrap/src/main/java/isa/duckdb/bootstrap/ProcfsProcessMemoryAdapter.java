package isa.duckdb.bootstrap;

import isa.duckdb.application.port.out.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link ProcessMemory} on Linux: {@code VmRSS} of {@code /proc/self/status} (kB), the resident set the kernel's
 * out-of-memory killer and a container's memory limit look at. Elsewhere it tells -1 and the guard is off.
 */
final class ProcfsProcessMemoryAdapter implements ProcessMemory {
    private final Path status;

    ProcfsProcessMemoryAdapter() {
        this(Path.of("/proc/self/status"));
    }

    /** @param status a file in the format of {@code /proc/<pid>/status} */
    ProcfsProcessMemoryAdapter(Path status) {
        this.status = status;
    }

    @Override
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
