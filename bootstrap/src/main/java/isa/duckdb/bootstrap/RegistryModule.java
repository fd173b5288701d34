package isa.duckdb.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.github.resilience4j.core.IntervalFunction;
import isa.duckdb.adapters.consul.ConsulServiceRegistryAdapter;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.application.service.ServiceRegistrationService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.inject.Named;
import javax.inject.Singleton;

/** Service discovery: Consul when enabled, otherwise a registry that registers nowhere. */
@Module
final class RegistryModule {
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
