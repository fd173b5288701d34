package isa.duckdb.bootstrap;

import isa.duckdb.adapters.auth.TokenSettings;
import isa.duckdb.application.service.AuthMode;
import isa.duckdb.application.service.TenantLimits;
import isa.duckdb.domain.ExtensionAllowList;
import isa.duckdb.application.service.Durability;
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
    private final Durability durability;
    private final int maxOpenDatabases;
    private final Duration idleTimeout;
    private final Duration shutdownGrace;
    private final int maxConcurrentCalls;
    private final Optional<MinioConfig> minio;
    private final ExtensionAllowList extensionAllowList;
    private final ConsulConfig consul;
    private final ObservabilityConfig observability;
    private final AuthMode authMode;
    private final TokenSettings tokenSettings;
    private final Optional<TlsConfig> tls;
    private final TenantLimits tenantLimits;
    private final ResourceBounds resourceBounds;

    ServiceConfig(ServiceConfigBuilder builder) {
        this.dataPath = Objects.requireNonNull(builder.dataPath, "dataPath");
        this.bindHost = builder.bindHost;
        this.grpcPort = builder.grpcPort;
        this.threadsPerDatabase = builder.threadsPerDatabase;
        this.memoryLimit = builder.memoryLimit;
        this.syncInterval = builder.syncInterval;
        this.durability = Objects.requireNonNull(builder.durability, "durability");
        this.maxOpenDatabases = builder.maxOpenDatabases;
        this.idleTimeout = builder.idleTimeout;
        this.shutdownGrace = builder.shutdownGrace;
        this.maxConcurrentCalls = builder.maxConcurrentCalls;
        this.minio = builder.minio;
        this.extensionAllowList = builder.extensionAllowList;
        this.consul = builder.consul;
        this.observability = builder.observability;
        this.authMode = builder.authMode;
        this.tokenSettings = builder.tokenSettings;
        this.tls = builder.tls;
        this.tenantLimits = builder.tenantLimits;
        this.resourceBounds = builder.resourceBounds;
    }

    /** A builder holding the README's defaults: {@code ./data}, {@code 0.0.0.0:50052}, embedded storage, Consul off. */
    public static ServiceConfigBuilder builder() {
        return new ServiceConfigBuilder();
    }

    /** A builder holding this configuration, to change part of it. */
    public ServiceConfigBuilder toBuilder() {
        return new ServiceConfigBuilder()
                .dataPath(dataPath).bindHost(bindHost).grpcPort(grpcPort).threadsPerDatabase(threadsPerDatabase)
                .memoryLimit(memoryLimit).syncInterval(syncInterval).durability(durability).maxOpenDatabases(maxOpenDatabases)
                .idleTimeout(idleTimeout).shutdownGrace(shutdownGrace).maxConcurrentCalls(maxConcurrentCalls)
                .minio(minio).extensionAllowList(extensionAllowList).consul(consul).authMode(authMode)
                .tokenSettings(tokenSettings).tls(tls).tenantLimits(tenantLimits).observability(observability)
                .resourceBounds(resourceBounds);
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

    /** When a write is acknowledged: after the local commit ({@code periodic}) or once its log is in storage. */
    public Durability durability() {
        return durability;
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

    /** Who may act as a tenant: {@code none} trusts user_id, {@code token} asks for a bearer token. */
    public AuthMode authMode() {
        return authMode;
    }

    /** What bearer tokens are verified against (mode {@code token}). */
    public TokenSettings tokenSettings() {
        return tokenSettings;
    }

    /** TLS (and mutual TLS) on the gRPC port; empty for plain text. */
    public Optional<TlsConfig> tls() {
        return tls;
    }

    /** What one tenant may use. */
    public TenantLimits tenantLimits() {
        return tenantLimits;
    }

    /** The service-wide bounds against resource exhaustion (process memory, idle streams, uploads, spill). */
    public ResourceBounds resourceBounds() {
        return resourceBounds;
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
                + ", syncInterval=" + syncInterval + ", durability=" + durability + ", maxOpenDatabases=" + maxOpenDatabases
                + ", idleTimeout=" + idleTimeout + ", shutdownGrace=" + shutdownGrace
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", minio=" + minio
                + ", extensionAllowList=" + extensionAllowList + ", consul=" + consul + ", authMode=" + authMode
                + ", tokens=" + tokenSettings + ", tls=" + tls + ", tenantLimits=" + tenantLimits + ", resourceBounds=" + resourceBounds
                + ", observability=" + observability + "]";
    }

    /** Where MinIO is; present when ISA_CLOUD_STORAGE_MINIO_ENDPOINT is set. The secret never shows in toString. */
    public record MinioConfig(String endpoint, String accessKey, String secretKey, boolean useSsl) {
        @Override
        public String toString() {
            return "MinioConfig[endpoint=" + endpoint + ", useSsl=" + useSsl + "]";
        }
    }
}
