package isa.duckdb.application.service;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the lifecycle's periodic work: sync changed databases, close idle ones. */
public final class LifecycleScheduler {
    private static final System.Logger LOG = System.getLogger(LifecycleScheduler.class.getName());

    private final DatabaseLifecycle lifecycle;
    private final ScheduledExecutorService scheduler;
    private final Duration syncInterval;

    public LifecycleScheduler(DatabaseLifecycle lifecycle, ScheduledExecutorService scheduler, LifecycleSettings settings) {
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.syncInterval = settings.syncInterval();
    }

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
