package isa.duckdb.application.service;

import isa.duckdb.application.port.out.ServiceRegistration;
import isa.duckdb.application.port.out.ServiceRegistry;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps this instance registered while it serves. Registration happens in the background, so the
 * service serves while the registry is down; a failed attempt is retried after
 * {@code retryDelay.apply(failuresSoFar)}. Once registered, every {@code checkInterval} it asks
 * whether the registry still knows the instance and registers again if not (an agent restart
 * forgets services). {@link #stop()} deregisters, and no attempt runs after it.
 */
public final class ServiceRegistrationService {
    private static final System.Logger LOG = System.getLogger(ServiceRegistrationService.class.getName());

    private final ServiceRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Function<Integer, Duration> retryDelay;
    private final Duration checkInterval;

    /** Held while talking to the registry, so that stop() waits for a running attempt. */
    private final Object lock = new Object();
    private ServiceRegistration registration;
    private volatile boolean registered;
    private int failures;
    private boolean stopped;
    private ScheduledFuture<?> nextAttempt;

    public ServiceRegistrationService(ServiceRegistry registry, ScheduledExecutorService scheduler,
            Function<Integer, Duration> retryDelay, Duration checkInterval) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
    }

    /** Starts registering in the background and returns at once. */
    public void start(ServiceRegistration registration) {
        synchronized (lock) {
            if (this.registration != null) {
                throw new IllegalStateException("registration already started for " + this.registration.id());
            }
            this.registration = Objects.requireNonNull(registration, "registration");
            schedule(Duration.ZERO);
        }
    }

    /** Whether the last conversation with the registry left this instance registered. */
    public boolean isRegistered() {
        return registered;
    }

    /** Stops the background work (waiting for a running attempt) and deregisters, once. */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (nextAttempt != null) {
                nextAttempt.cancel(false);
            }
            if (registration == null) {
                return;
            }
            try {
                registry.deregister(registration.id());
                registered = false;
                LOG.log(Level.INFO, "Deregistered {0} from the service registry", registration.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not deregister {0} ({1}); the registry drops it once its health "
                        + "check has failed for {2}s", registration.id(), e.getMessage(),
                        registration.healthCheck().deregisterCriticalAfter().toSeconds());
            }
        }
    }

    private void attempt() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            Duration delay;
            try {
                ensureRegistered();
                failures = 0;
                delay = checkInterval;
            } catch (RuntimeException e) {
                failures++;
                reportFailure(e);
                delay = retryDelay.apply(failures);
            }
            schedule(delay);
        }
    }

    private void ensureRegistered() {
        if (registered && registry.isRegistered(registration.id())) {
            return;
        }
        boolean forgotten = registered;
        registered = false;
        registry.register(registration);
        registered = true;
        if (forgotten) {
            LOG.log(Level.INFO, "The service registry had forgotten {0} (agent restart?); registered it again",
                    registration.id());
        } else if (failures > 0) {
            LOG.log(Level.INFO, "Registered {0} as {1} at {2}:{3} after {4} failed attempts", registration.id(),
                    registration.name(), registration.address(), String.valueOf(registration.port()),
                    failures);
        } else {
            LOG.log(Level.INFO, "Registered {0} as {1} at {2}:{3}", registration.id(), registration.name(),
                    registration.address(), String.valueOf(registration.port()));
        }
    }

    private void reportFailure(RuntimeException e) {
        if (failures == 1) {
            LOG.log(Level.WARNING, "Service registry unreachable, {0} is not registered ({1}); serving anyway "
                    + "and retrying in the background", registration.id(), e.getMessage());
        } else {
            LOG.log(Level.DEBUG, "Registration attempt {0} for {1} failed: {2}", failures, registration.id(),
                    e.getMessage());
        }
    }

    private void schedule(Duration delay) {
        try {
            nextAttempt = scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "Registration scheduler is shut down; no further attempts");
        }
    }
}
