package isa.duckdb.bootstrap;

import isa.duckdb.domain.ExtensionAllowList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the service is configured with. {@link ServiceCommand} reads it from environment
 * variables and flags and validates it (README, "Configuration"); tests build it with
 * {@link #builder()}, whose defaults are the README's defaults, and change only what they need.
 */
public final class ServiceConfig {
    private final Path dataPath;
    private final String bindHost;
    private final int grpcPort;
    private final int threadsPerDatabase;
    private final String memoryLimit;
    private final Duration syncInterval;
    private final int maxOpenDatabases;
    private final Duration idleTimeout;
    private final Duration shutdownGrace;
    private final int maxConcurrentCalls;
    private final Optional<MinioConfig> minio;
    private final ExtensionAllowList extensionAllowList;
    private final ConsulConfig consul;
    private final ObservabilityConfig observability;

    private ServiceConfig(Builder builder) {
        this.dataPath = Objects.requireNonNull(builder.dataPath, "dataPath");
        this.bindHost = builder.bindHost;
        this.grpcPort = builder.grpcPort;
        this.threadsPerDatabase = builder.threadsPerDatabase;
        this.memoryLimit = builder.memoryLimit;
        this.syncInterval = builder.syncInterval;
        this.maxOpenDatabases = builder.maxOpenDatabases;
        this.idleTimeout = builder.idleTimeout;
        this.shutdownGrace = builder.shutdownGrace;
        this.maxConcurrentCalls = builder.maxConcurrentCalls;
        this.minio = builder.minio;
        this.extensionAllowList = builder.extensionAllowList;
        this.consul = builder.consul;
        this.observability = builder.observability;
    }

    /** A builder holding the README's defaults: {@code ./data}, {@code 0.0.0.0:50052}, embedded storage, Consul off. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change part of it. */
    public Builder toBuilder() {
        return new Builder()
                .dataPath(dataPath).bindHost(bindHost).grpcPort(grpcPort).threadsPerDatabase(threadsPerDatabase)
                .memoryLimit(memoryLimit).syncInterval(syncInterval).maxOpenDatabases(maxOpenDatabases)
                .idleTimeout(idleTimeout).shutdownGrace(shutdownGrace).maxConcurrentCalls(maxConcurrentCalls)
                .minio(minio).extensionAllowList(extensionAllowList).consul(consul)
                .observability(observability);
    }

    /** Root of local data: {@code storage/} (embedded object storage) and {@code work/} (working copies). */
    public Path dataPath() {
        return dataPath;
    }

    /** Address the gRPC server listens on. */
    public String bindHost() {
        return bindHost;
    }

    /** gRPC port; 0 picks a free one. */
    public int grpcPort() {
        return grpcPort;
    }

    /** DuckDB worker threads per open database (DuckDB's {@code threads} setting). */
    public int threadsPerDatabase() {
        return threadsPerDatabase;
    }

    /** DuckDB's {@code memory_limit} per open database, e.g. {@code 1GB}. */
    public String memoryLimit() {
        return memoryLimit;
    }

    /** Time between write-backs of changed databases. */
    public Duration syncInterval() {
        return syncInterval;
    }

    /** Open databases kept before the least recently used idle one is closed. */
    public int maxOpenDatabases() {
        return maxOpenDatabases;
    }

    /** Time an unused database stays open. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Time running calls get to finish on SIGTERM. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** Calls served at once; more wait in line. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** MinIO/S3 as storage; empty for the embedded filesystem storage. */
    public Optional<MinioConfig> minio() {
        return minio;
    }

    /** Extensions InstallExtension may load. */
    public ExtensionAllowList extensionAllowList() {
        return extensionAllowList;
    }

    /** Consul registration settings. */
    public ConsulConfig consul() {
        return consul;
    }

    /** Metrics endpoint, log format and slow-query threshold. */
    public ObservabilityConfig observability() {
        return observability;
    }

    /** {@code {dataPath}/storage}: the embedded object storage. */
    public Path storageRoot() {
        return dataPath.resolve("storage");
    }

    /** {@code {dataPath}/work}: working copies of open databases. */
    public Path workRoot() {
        return dataPath.resolve("work");
    }

    @Override
    public String toString() {
        return "ServiceConfig[dataPath=" + dataPath + ", bindHost=" + bindHost + ", grpcPort=" + grpcPort
                + ", threadsPerDatabase=" + threadsPerDatabase + ", memoryLimit=" + memoryLimit
                + ", syncInterval=" + syncInterval + ", maxOpenDatabases=" + maxOpenDatabases
                + ", idleTimeout=" + idleTimeout + ", shutdownGrace=" + shutdownGrace
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", minio=" + minio
                + ", extensionAllowList=" + extensionAllowList + ", consul=" + consul
                + ", observability=" + observability + "]";
    }

    /** Where MinIO is; present when ISA_CLOUD_STORAGE_MINIO_ENDPOINT is set. The secret never shows in toString. */
    public record MinioConfig(String endpoint, String accessKey, String secretKey, boolean useSsl) {
        @Override
        public String toString() {
            return "MinioConfig[endpoint=" + endpoint + ", useSsl=" + useSsl + "]";
        }
    }

    /** Builds a {@link ServiceConfig}; every setter returns the builder. Values are taken as given. */
    public static final class Builder {
        private Path dataPath = Path.of("./data");
        private String bindHost = "0.0.0.0";
        private int grpcPort = 50052;
        private int threadsPerDatabase = 2;
        private String memoryLimit = "1GB";
        private Duration syncInterval = Duration.ofSeconds(30);
        private int maxOpenDatabases = 64;
        private Duration idleTimeout = Duration.ofSeconds(300);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private int maxConcurrentCalls = 64;
        private Optional<MinioConfig> minio = Optional.empty();
        private ExtensionAllowList extensionAllowList = ExtensionAllowList.parse(ExtensionAllowList.DEFAULT);
        private ConsulConfig consul = ConsulConfig.disabled();
        private ObservabilityConfig observability = ObservabilityConfig.defaults();

        private Builder() {
        }

        public Builder dataPath(Path value) {
            dataPath = value;
            return this;
        }

        public Builder bindHost(String value) {
            bindHost = value;
            return this;
        }

        public Builder grpcPort(int value) {
            grpcPort = value;
            return this;
        }

        public Builder threadsPerDatabase(int value) {
            threadsPerDatabase = value;
            return this;
        }

        public Builder memoryLimit(String value) {
            memoryLimit = value;
            return this;
        }

        public Builder syncInterval(Duration value) {
            syncInterval = value;
            return this;
        }

        public Builder maxOpenDatabases(int value) {
            maxOpenDatabases = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            shutdownGrace = value;
            return this;
        }

        public Builder maxConcurrentCalls(int value) {
            maxConcurrentCalls = value;
            return this;
        }

        public Builder minio(Optional<MinioConfig> value) {
            minio = value;
            return this;
        }

        public Builder extensionAllowList(ExtensionAllowList value) {
            extensionAllowList = value;
            return this;
        }

        public Builder consul(ConsulConfig value) {
            consul = value;
            return this;
        }

        public Builder observability(ObservabilityConfig value) {
            observability = value;
            return this;
        }

        public ServiceConfig build() {
            return new ServiceConfig(this);
        }
    }
}
