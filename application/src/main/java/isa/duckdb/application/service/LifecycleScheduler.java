package isa.duckdb.application.service;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lifecycle's periodic work on the given executor, every {@code syncInterval} after the
 * previous run ended: sync changed databases, close idle ones, recover leftover working copies.
 * A failing run is logged and does not stop later runs.
 */
public final class LifecycleScheduler {
    /** Names the {@link ScheduledExecutorService} the periodic work runs on (several executors exist). */
    public static final String EXECUTOR = "lifecycle";

    private static final System.Logger LOG = System.getLogger(LifecycleScheduler.class.getName());

    private final DatabaseLifecycle lifecycle;
    private final ScheduledExecutorService scheduler;
    private final Duration syncInterval;

    @Inject
    public LifecycleScheduler(DatabaseLifecycle lifecycle, @Named(EXECUTOR) ScheduledExecutorService scheduler,
            LifecycleSettings settings) {
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.syncInterval = settings.syncInterval();
    }

    /** Schedules the periodic work; the first run is one sync interval from now. */
    public void start() {
        long period = syncInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            lifecycle.syncChanged();
            lifecycle.closeIdle();
            lifecycle.recoverLeftovers();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Periodic sync failed: {0}", e.getMessage());
        }
    }
}
