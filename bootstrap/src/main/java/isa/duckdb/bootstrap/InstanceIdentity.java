package isa.duckdb.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The instance id that serving markers name when Consul is off: {@code duckdb-service-{host}-{8 hex digits}},
 * made once and kept in {@code {dataPath}/instance-id}, so a server restarted on the same data path (after a
 * crash, say) is the same instance and takes its databases back at once, while two servers on one machine with
 * different data paths are different instances.
 */
final class InstanceIdentity {
    static final String FILE = "instance-id";

    private InstanceIdentity() {
    }

    static String of(Path dataPath, String host) {
        Path file = dataPath.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(dataPath);
            String id = "duckdb-service-" + host + "-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the instance id in the data path: " + e.getMessage(), e);
        }
    }
}
