package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.github.resilience4j.core.IntervalFunction;
import isa.duckdb.adapters.consul.ConsulServiceRegistryAdapter;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.application.service.ServiceRegistrationService;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Service discovery: Consul when enabled, otherwise a registry that registers nowhere. */
@Module
abstract class RegistryModule {
    static final String REGISTRATION = "registration";
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
