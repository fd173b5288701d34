package isa.duckdb.bootstrap;

import isa.duckdb.adapters.auth.TokenSettings;
import isa.duckdb.application.service.AuthMode;
import isa.duckdb.application.service.TenantLimits;
import isa.duckdb.bootstrap.ServiceConfig.MinioConfig;
import isa.duckdb.domain.ExtensionAllowList;
import isa.duckdb.application.service.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds a {@link ServiceConfig} ({@link ServiceConfig#builder()}, {@link ServiceConfig#toBuilder()}); every
 * setter returns the builder. Values are taken as given; the defaults are the README's.
 */
public final class ServiceConfigBuilder {
    Path dataPath = Path.of("./data");
    String bindHost = "0.0.0.0";
    int grpcPort = 50052;
    int threadsPerDatabase = 2;
    String memoryLimit = "1GB";
    Duration syncInterval = Duration.ofSeconds(30);
    Durability durability = Durability.PERIODIC;
    int maxOpenDatabases = 64;
    Duration idleTimeout = Duration.ofSeconds(300);
    Duration shutdownGrace = Duration.ofSeconds(30);
    int maxConcurrentCalls = 64;
    Optional<MinioConfig> minio = Optional.empty();
    ExtensionAllowList extensionAllowList = ExtensionAllowList.parse(ExtensionAllowList.DEFAULT);
    ConsulConfig consul = ConsulConfig.disabled();
    ObservabilityConfig observability = ObservabilityConfig.defaults();
    AuthMode authMode = AuthMode.NONE;
    TokenSettings tokenSettings = new TokenSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
    Optional<TlsConfig> tls = Optional.empty();
    TenantLimits tenantLimits = TenantLimits.DEFAULTS;
    ResourceBounds resourceBounds = ResourceBounds.defaults();

    ServiceConfigBuilder() {
    }

    public ServiceConfigBuilder authMode(AuthMode value) {
        authMode = value;
        return this;
    }

    public ServiceConfigBuilder tokenSettings(TokenSettings value) {
        tokenSettings = value;
        return this;
    }

    public ServiceConfigBuilder tls(Optional<TlsConfig> value) {
        tls = value;
        return this;
    }

    public ServiceConfigBuilder tenantLimits(TenantLimits value) {
        tenantLimits = value;
        return this;
    }

    public ServiceConfigBuilder resourceBounds(ResourceBounds value) {
        resourceBounds = value;
        return this;
    }

    public ServiceConfigBuilder dataPath(Path value) {
        dataPath = value;
        return this;
    }

    public ServiceConfigBuilder bindHost(String value) {
        bindHost = value;
        return this;
    }

    public ServiceConfigBuilder grpcPort(int value) {
        grpcPort = value;
        return this;
    }

    public ServiceConfigBuilder threadsPerDatabase(int value) {
        threadsPerDatabase = value;
        return this;
    }

    public ServiceConfigBuilder memoryLimit(String value) {
        memoryLimit = value;
        return this;
    }

    public ServiceConfigBuilder syncInterval(Duration value) {
        syncInterval = value;
        return this;
    }

    public ServiceConfigBuilder durability(Durability value) {
        durability = value;
        return this;
    }

    public ServiceConfigBuilder maxOpenDatabases(int value) {
        maxOpenDatabases = value;
        return this;
    }

    public ServiceConfigBuilder idleTimeout(Duration value) {
        idleTimeout = value;
        return this;
    }

    public ServiceConfigBuilder shutdownGrace(Duration value) {
        shutdownGrace = value;
        return this;
    }

    public ServiceConfigBuilder maxConcurrentCalls(int value) {
        maxConcurrentCalls = value;
        return this;
    }

    public ServiceConfigBuilder minio(Optional<MinioConfig> value) {
        minio = value;
        return this;
    }

    public ServiceConfigBuilder extensionAllowList(ExtensionAllowList value) {
        extensionAllowList = value;
        return this;
    }

    public ServiceConfigBuilder consul(ConsulConfig value) {
        consul = value;
        return this;
    }

    public ServiceConfigBuilder observability(ObservabilityConfig value) {
        observability = value;
        return this;
    }

    public ServiceConfig build() {
        return new ServiceConfig(this);
    }
}
