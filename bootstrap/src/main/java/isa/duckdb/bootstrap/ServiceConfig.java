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
        ExtensionAllowList extensionAllowList) {

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
