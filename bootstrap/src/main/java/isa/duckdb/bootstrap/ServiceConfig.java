package isa.duckdb.bootstrap;

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
        ConsulConfig consul) {

    /** Without Consul registration. */
    public ServiceConfig(Path dataPath, String bindHost, int grpcPort, int threadsPerDatabase, String memoryLimit,
            Duration syncInterval, int maxOpenDatabases, Duration idleTimeout, Duration shutdownGrace,
            int maxConcurrentCalls) {
        this(dataPath, bindHost, grpcPort, threadsPerDatabase, memoryLimit, syncInterval, maxOpenDatabases,
                idleTimeout, shutdownGrace, maxConcurrentCalls, ConsulConfig.disabled());
    }

    /** The same configuration with other Consul settings. */
    public ServiceConfig withConsul(ConsulConfig consul) {
        return new ServiceConfig(dataPath, bindHost, grpcPort, threadsPerDatabase, memoryLimit, syncInterval,
                maxOpenDatabases, idleTimeout, shutdownGrace, maxConcurrentCalls, consul);
    }

    public Path storageRoot() {
        return dataPath.resolve("storage");
    }

    public Path workRoot() {
        return dataPath.resolve("work");
    }
}
