package isa.duckdb.bootstrap;

import isa.duckdb.domain.ExtensionAllowList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
        Optional<MinioConfig> minio,
        ExtensionAllowList extensionAllowList,
        ConsulConfig consul) {

    /** Embedded storage, the default extension allow-list, without Consul registration. */
    public ServiceConfig(Path dataPath, String bindHost, int grpcPort, int threadsPerDatabase, String memoryLimit,
            Duration syncInterval, int maxOpenDatabases, Duration idleTimeout, Duration shutdownGrace,
            int maxConcurrentCalls) {
        this(dataPath, bindHost, grpcPort, threadsPerDatabase, memoryLimit, syncInterval, maxOpenDatabases,
                idleTimeout, shutdownGrace, maxConcurrentCalls, Optional.empty(),
                ExtensionAllowList.parse(ExtensionAllowList.DEFAULT), ConsulConfig.disabled());
    }

    /** The same configuration with other Consul settings. */
    public ServiceConfig withConsul(ConsulConfig other) {
        return new ServiceConfig(dataPath, bindHost, grpcPort, threadsPerDatabase, memoryLimit, syncInterval,
                maxOpenDatabases, idleTimeout, shutdownGrace, maxConcurrentCalls, minio, extensionAllowList, other);
    }

    /** The same configuration with MinIO as storage. */
    public ServiceConfig withMinio(MinioConfig other) {
        return new ServiceConfig(dataPath, bindHost, grpcPort, threadsPerDatabase, memoryLimit, syncInterval,
                maxOpenDatabases, idleTimeout, shutdownGrace, maxConcurrentCalls, Optional.of(other), extensionAllowList,
                consul);
    }

    /** The same configuration with another extension allow-list. */
    public ServiceConfig withExtensionAllowList(ExtensionAllowList other) {
        return new ServiceConfig(dataPath, bindHost, grpcPort, threadsPerDatabase, memoryLimit, syncInterval,
                maxOpenDatabases, idleTimeout, shutdownGrace, maxConcurrentCalls, minio, other, consul);
    }

    /** Where MinIO is; present when ISA_CLOUD_STORAGE_MINIO_ENDPOINT is set. */
    public record MinioConfig(String endpoint, String accessKey, String secretKey, boolean useSsl) {
        @Override
        public String toString() {
            return "MinioConfig[endpoint=" + endpoint + ", useSsl=" + useSsl + "]";
        }
    }

    public Path storageRoot() {
        return dataPath.resolve("storage");
    }

    public Path workRoot() {
        return dataPath.resolve("work");
    }
}
