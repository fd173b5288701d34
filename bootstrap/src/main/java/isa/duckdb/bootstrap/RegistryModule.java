package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.github.resilience4j.core.IntervalFunction;
import isa.duckdb.adapters.consul.ConsulCallSettings;
import isa.duckdb.adapters.consul.ConsulDatabaseOwnershipAdapter;
import isa.duckdb.adapters.consul.ConsulServiceRegistryAdapter;
import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.application.service.ServiceRegistrationService;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.service.StorageMarkerOwnership;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Service discovery and database ownership: Consul when enabled (registration; a session and a KV lock per
 * database), otherwise a registry that registers nowhere and serving markers with a heartbeat in storage.
 */
@Module
abstract class RegistryModule {
    static final String REGISTRATION = "registration";
    static final String OWNERSHIP = "ownership";
    /** The ownership session's TTL: Consul invalidates it between 10 and 20 s after the last renewal. */
    static final Duration OWNERSHIP_TTL = Duration.ofSeconds(10);
    /** How long Consul keeps a lost owner's databases from being taken (Consul's default is 15 s). */
    static final Duration OWNERSHIP_LOCK_DELAY = Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistryModule.class);
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double JITTER = 0.2;

    private RegistryModule() {
    }

    @Provides
    @Singleton
    static ServiceRegistry serviceRegistry(ServiceConfig config) {
        ConsulConfig consul = config.consul();
        if (!consul.enabled()) {
            return new DisabledServiceRegistry();
        }
        return new ConsulServiceRegistryAdapter(consul.agentHost(), consul.agentPort());
    }

    /**
     * With Consul: this instance (its service id, advertised host and gRPC port) renewing its session every TTL/2. Without:
     * serving markers in storage naming the instance id kept in the data path, refreshed every 10 s.
     */
    @Provides
    @Singleton
    static DatabaseOwnership databaseOwnership(ServiceConfig config, @Named(OWNERSHIP) ScheduledExecutorService renewals,
            Clock clock, ObjectStorage storage) {
        ConsulConfig consul = config.consul();
        if (!consul.enabled()) {
            String host = consul.advertisedHost();
            StorageMarkerOwnership markers = new StorageMarkerOwnership(storage,
                    new DatabaseOwner(InstanceIdentity.of(config.dataPath(), host), host + ":" + config.grpcPort()), clock);
            long every = StorageMarkerOwnership.HEARTBEAT_EVERY.toMillis();
            renewals.scheduleWithFixedDelay(() -> {
                try {
                    markers.heartbeat();
                } catch (RuntimeException e) {
                    LOG.warn("Refreshing the serving markers failed: {}", e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
            return markers;
        }
        DatabaseOwner self = new DatabaseOwner(consul.serviceId(), consul.advertisedHost() + ":" + config.grpcPort());
        ConsulDatabaseOwnershipAdapter adapter = new ConsulDatabaseOwnershipAdapter(consul.agentHost(),
                consul.agentPort(), self, OWNERSHIP_TTL, OWNERSHIP_LOCK_DELAY, ConsulCallSettings.defaults(), clock);
        long every = OWNERSHIP_TTL.toMillis() / 2;
        renewals.scheduleWithFixedDelay(() -> {
            try {
                adapter.renew();
            } catch (RuntimeException e) {
                LOG.warn("Renewing the ownership session failed: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return adapter;
    }

    @Provides
    @Singleton
    @Named(OWNERSHIP)
    static ScheduledExecutorService ownershipExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ownership"));
    }

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopOwnershipRenewals(@Named(OWNERSHIP) ScheduledExecutorService executor);

    @Provides
    @Singleton
    @Named(REGISTRATION)
    static ScheduledExecutorService registrationExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("registration"));
    }

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopRegistrations(@Named(REGISTRATION) ScheduledExecutorService executor);

    /** Retries with exponential backoff and jitter between the configured bounds, then checks at the configured interval. */
    @Provides
    @Singleton
    static ServiceRegistrationService registrationService(ServiceRegistry registry, ServiceConfig config,
            @Named(REGISTRATION) ScheduledExecutorService executor) {
        ConsulConfig consul = config.consul();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(consul.retryInitial(),
                BACKOFF_MULTIPLIER, JITTER, consul.retryMax());
        return new ServiceRegistrationService(registry, executor,
                failures -> Duration.ofMillis(backoff.apply(failures)), consul.checkInterval());
    }
}
