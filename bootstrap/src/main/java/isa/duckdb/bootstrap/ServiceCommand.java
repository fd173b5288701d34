package isa.duckdb.bootstrap;

import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ExtensionAllowList;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import isa.duckdb.application.service.Durability;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Command-line flags; each defaults to its environment variable, then to the built-in default. */
@Command(name = "duckdb-service", mixinStandardHelpOptions = true, versionProvider = ServiceVersion.class,
        sortOptions = false,
        description = "Multi-tenant DuckDB analytics over gRPC (isa.duckdb.DuckDBService).%n"
                + "Each flag overrides the environment variable named in its description.")
public final class ServiceCommand implements Callable<ServiceConfig> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-path", paramLabel = "DIR",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_DATABASE_PATH:-./data}",
            description = "Root of local data: object storage (storage/) and working copies (work/). "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_DATABASE_PATH. Default: ${DEFAULT-VALUE}")
    Path dataPath;

    @Option(names = "--host", paramLabel = "ADDRESS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_GRPC_HOST:-0.0.0.0}",
            description = "Address to listen on. Env ISA_CLOUD_STORAGE_DUCKDB_GRPC_HOST. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_GRPC_PORT:-50052}",
            description = "gRPC port (0 picks a free one). Env ISA_CLOUD_STORAGE_DUCKDB_GRPC_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--threads", paramLabel = "N",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_THREADS:-2}",
            description = "DuckDB worker threads per open database. Env ISA_CLOUD_STORAGE_DUCKDB_THREADS. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MEMORY_LIMIT:-1GB}",
            description = "DuckDB memory limit per open database, e.g. 512MB or 2GB. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_MEMORY_LIMIT. Default: ${DEFAULT-VALUE}")
    String memoryLimit;

    @Option(names = "--sync-interval", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_SYNC_INTERVAL:-30}",
            description = "Seconds between writes of changed databases back to object storage. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_SYNC_INTERVAL. Default: ${DEFAULT-VALUE}")
    int syncIntervalSeconds;

    @Option(names = "--durability", paramLabel = "MODE",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_DURABILITY:-periodic}",
            description = "When a write is acknowledged: periodic (after the local commit; storage gets it with the "
                    + "next sync) or commit (only once its write-ahead log is stored next to the database). "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_DURABILITY. Default: ${DEFAULT-VALUE}")
    String durability;

    @Option(names = "--max-open-databases", paramLabel = "N",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_OPEN_DATABASES:-64}",
            description = "Open databases kept before the least recently used idle one is closed. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_MAX_OPEN_DATABASES. Default: ${DEFAULT-VALUE}")
    int maxOpenDatabases;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_IDLE_TIMEOUT:-300}",
            description = "An open database unused this long is synced and closed. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_IDLE_TIMEOUT. Default: ${DEFAULT-VALUE}")
    int idleTimeoutSeconds;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_SHUTDOWN_GRACE:-30}",
            description = "On SIGTERM, how long running calls may finish before they are cancelled. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_SHUTDOWN_GRACE. Default: ${DEFAULT-VALUE}")
    int shutdownGraceSeconds;

    @Option(names = "--max-concurrent-calls", paramLabel = "N",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_CONCURRENT_CALLS:-64}",
            description = "Calls served at once; more wait in line. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_MAX_CONCURRENT_CALLS. Default: ${DEFAULT-VALUE}")
    int maxConcurrentCalls;

    @Option(names = "--minio-endpoint", paramLabel = "HOST:PORT",
            defaultValue = "${env:ISA_CLOUD_STORAGE_MINIO_ENDPOINT:-}",
            description = "MinIO/S3 endpoint; when set, databases live there instead of under --data-path/storage. "
                    + "Env ISA_CLOUD_STORAGE_MINIO_ENDPOINT. Default: none (embedded storage)")
    String minioEndpoint;

    @Option(names = "--minio-access-key", paramLabel = "KEY",
            defaultValue = "${env:ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY:-}",
            description = "MinIO access key. Env ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY")
    String minioAccessKey;

    @Option(names = "--minio-secret-key", paramLabel = "SECRET",
            defaultValue = "${env:ISA_CLOUD_STORAGE_MINIO_SECRET_KEY:-}",
            description = "MinIO secret key (prefer the environment variable). Env ISA_CLOUD_STORAGE_MINIO_SECRET_KEY")
    String minioSecretKey;

    @Option(names = "--minio-use-ssl", paramLabel = "true|false", arity = "1",
            defaultValue = "${env:ISA_CLOUD_STORAGE_MINIO_USE_SSL:-false}",
            description = "Use HTTPS for MinIO. Env ISA_CLOUD_STORAGE_MINIO_USE_SSL. Default: ${DEFAULT-VALUE}")
    boolean minioUseSsl;

    @Option(names = "--extension-allowlist", paramLabel = "NAMES",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_EXTENSION_ALLOWLIST:-" + ExtensionAllowList.DEFAULT + "}",
            description = "Comma-separated DuckDB extensions tenants may load with InstallExtension (only those "
                    + "bundled with the engine can load; nothing is downloaded). "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_EXTENSION_ALLOWLIST. Default: ${DEFAULT-VALUE}")
    String extensionAllowList;

    @Option(names = "--consul-enabled", paramLabel = "BOOLEAN", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:ISA_CLOUD_STORAGE_CONSUL_ENABLED:-false}",
            description = "Register in Consul (as duckdb-grpc-service, id duckdb-service-{SERVICE_HOSTNAME or HOSTNAME}). "
                    + "Env ISA_CLOUD_STORAGE_CONSUL_ENABLED. Default: ${DEFAULT-VALUE}")
    boolean consulEnabled;

    @Option(names = "--consul-host", paramLabel = "HOST",
            defaultValue = "${env:ISA_CLOUD_STORAGE_CONSUL_HOST:-localhost}",
            description = "Host of the Consul agent. Env ISA_CLOUD_STORAGE_CONSUL_HOST. Default: ${DEFAULT-VALUE}")
    String consulHost;

    @Option(names = "--consul-port", paramLabel = "PORT",
            defaultValue = "${env:ISA_CLOUD_STORAGE_CONSUL_PORT:-8500}",
            description = "HTTP port of the Consul agent. Env ISA_CLOUD_STORAGE_CONSUL_PORT. Default: ${DEFAULT-VALUE}")
    int consulPort;

    @Mixin
    ObservabilityOptions observability;

    @Mixin
    SecurityOptions security;

    @Mixin
    LimitOptions limits;

    @Mixin
    ResourceOptions resources;

    @Override
    public ServiceConfig call() {
        require(port >= 0 && port <= 65535, "--port (ISA_CLOUD_STORAGE_DUCKDB_GRPC_PORT) must be 0..65535, got " + port);
        require(threads >= 1 && threads <= 256, "--threads (ISA_CLOUD_STORAGE_DUCKDB_THREADS) must be 1..256, got " + threads);
        require(DatabaseSettings.isMemorySize(memoryLimit),
                "--memory-limit (ISA_CLOUD_STORAGE_DUCKDB_MEMORY_LIMIT) must be a size such as 512MB or 2GB, got '"
                        + memoryLimit + "'");
        require(syncIntervalSeconds >= 1 && syncIntervalSeconds <= 86_400,
                "--sync-interval (ISA_CLOUD_STORAGE_DUCKDB_SYNC_INTERVAL) must be 1..86400 seconds, got " + syncIntervalSeconds);
        require(maxOpenDatabases >= 1, "--max-open-databases must be at least 1, got " + maxOpenDatabases);
        require(idleTimeoutSeconds >= 1, "--idle-timeout must be at least 1 second, got " + idleTimeoutSeconds);
        require(shutdownGraceSeconds >= 0, "--shutdown-grace may not be negative, got " + shutdownGraceSeconds);
        require(maxConcurrentCalls >= 1, "--max-concurrent-calls must be at least 1, got " + maxConcurrentCalls);
        require(consulPort >= 1 && consulPort <= 65535,
                "--consul-port (ISA_CLOUD_STORAGE_CONSUL_PORT) must be 1..65535, got " + consulPort);
        require(!consulHost.isBlank(), "--consul-host (ISA_CLOUD_STORAGE_CONSUL_HOST) may not be empty");
        Optional<ServiceConfig.MinioConfig> minio = Optional.empty();
        if (!minioEndpoint.isBlank()) {
            require(!minioAccessKey.isBlank() && !minioSecretKey.isBlank(),
                    "--minio-endpoint needs ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY and ISA_CLOUD_STORAGE_MINIO_SECRET_KEY");
            minio = Optional.of(new ServiceConfig.MinioConfig(minioEndpoint.trim(), minioAccessKey, minioSecretKey,
                    minioUseSsl));
        }
        ExtensionAllowList allowList = parseAllowList();
        ServiceConfigBuilder builder = ServiceConfig.builder();
        security.applyTo(builder);
        limits.applyTo(builder);
        resources.applyTo(builder);
        return builder
                .dataPath(dataPath.toAbsolutePath().normalize())
                .bindHost(host)
                .grpcPort(port)
                .threadsPerDatabase(threads)
                .memoryLimit(memoryLimit.toUpperCase(java.util.Locale.ROOT).replace(" ", ""))
                .syncInterval(Duration.ofSeconds(syncIntervalSeconds))
                .durability(parseDurability())
                .maxOpenDatabases(maxOpenDatabases)
                .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .shutdownGrace(Duration.ofSeconds(shutdownGraceSeconds))
                .maxConcurrentCalls(maxConcurrentCalls)
                .minio(minio)
                .extensionAllowList(allowList)
                .consul(consul())
                .observability(observability.toConfig(spec.commandLine()))
                .build();
    }

    private Durability parseDurability() {
        try {
            return Durability.parse(durability);
        } catch (ServiceException e) {
            throw new ParameterException(spec.commandLine(), "--durability (ISA_CLOUD_STORAGE_DUCKDB_DURABILITY): "
                    + e.detail());
        }
    }

    private ExtensionAllowList parseAllowList() {
        try {
            return ExtensionAllowList.parse(extensionAllowList);
        } catch (ServiceException e) {
            throw new ParameterException(spec.commandLine(), "--extension-allowlist "
                    + "(ISA_CLOUD_STORAGE_DUCKDB_EXTENSION_ALLOWLIST): " + e.detail());
        }
    }

    private ConsulConfig consul() {
        if (!consulEnabled) {
            return ConsulConfig.disabled().withAdvertisedHost(AdvertisedHost.resolve(System::getenv, host));
        }
        return ConsulConfig.enabled(consulHost.trim(), consulPort, AdvertisedHost.resolve(System::getenv, host));
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
