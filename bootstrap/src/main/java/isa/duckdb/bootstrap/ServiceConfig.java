package isa.duckdb.bootstrap;

import isa.duckdb.domain.ExtensionAllowList;
import java.nio.file.Path;
import java.time.Duration;

/** Everything the service is configured with, validated; see {@link ServiceCommand} for the sources. */
public record ServiceConfig(
        Path dataPath,
        String bindHost,
        int grpcPort,
        int threadsPerDatabase,
        String memoryLimit,
        Duration syncInterval,
        int maxOpenDatabases,
        Duration idleTimeout,
        Duration shutdownGrace,
        int maxConcurrentCalls,
        ExtensionAllowList extensionAllowList) {

    public Path storageRoot() {
        return dataPath.resolve("storage");
    }

    public Path workRoot() {
        return dataPath.resolve("work");
    }
}
