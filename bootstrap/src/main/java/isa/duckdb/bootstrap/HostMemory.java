package isa.duckdb.bootstrap;

import isa.duckdb.domain.ByteSize;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How much memory this process may use on its host: the container's cgroup memory limit (v2 {@code memory.max},
 * v1 {@code memory.limit_in_bytes}) when there is one, else the machine's physical memory. The default
 * {@code --process-memory-limit} is {@link #DEFAULT_PERCENT}% of it, leaving room for what the guard's sampling
 * interval lets through and for the kernel's own use.
 */
final class HostMemory {
    static final int DEFAULT_PERCENT = 75;
    /** cgroup v1 writes a number near {@code Long.MAX_VALUE} (rounded to pages) for "no limit". */
    private static final long NO_LIMIT_V1 = 1L << 60;
    private static final List<Path> CGROUP_LIMITS = List.of(Path.of("/sys/fs/cgroup/memory.max"),
            Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"));

    private HostMemory() {
    }

    /** The default process memory limit: {@link #DEFAULT_PERCENT}% of {@link #available()}, or 0 (off) if unknown. */
    static ByteSize defaultProcessLimit() {
        return ByteSize.of(available().map(b -> b.bytes() / 100 * DEFAULT_PERCENT).orElse(0L));
    }

    /** The cgroup limit if set, else physical memory; empty when neither can be read. */
    static Optional<ByteSize> available() {
        Optional<ByteSize> cgroup = cgroupLimit(CGROUP_LIMITS);
        return cgroup.isPresent() ? cgroup : physical();
    }

    static Optional<ByteSize> cgroupLimit(List<Path> files) {
        for (Path file : files) {
            try {
                String text = Files.readString(file).trim();
                if (text.equals("max")) {
                    return Optional.empty();
                }
                long bytes = Long.parseLong(text);
                return bytes > 0 && bytes < NO_LIMIT_V1 ? Optional.of(ByteSize.of(bytes)) : Optional.empty();
            } catch (IOException | NumberFormatException e) {
                // not this cgroup version; try the next
            }
        }
        return Optional.empty();
    }

    private static Optional<ByteSize> physical() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            return total > 0 ? Optional.of(ByteSize.of(total)) : Optional.empty();
        }
        return Optional.empty();
    }
}
