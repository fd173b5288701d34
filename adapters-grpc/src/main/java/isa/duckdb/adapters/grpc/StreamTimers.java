package isa.duckdb.adapters.grpc;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of stream bounds (idle result streams, idle uploads) and the work a stream's cancellation starts,
 * on one scheduler the composition root owns and shuts down.
 */
@Singleton
public final class StreamTimers {
    public static final String EXECUTOR = "stream-timers";
    private final ScheduledExecutorService executor;

    @Inject
    public StreamTimers(@Named(EXECUTOR) ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Runs {@code task} once after {@code delay}; the returned handle stops it if it has not run yet. */
    Runnable after(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    /** Runs {@code task} soon on the timer thread (not on the thread that asked). */
    void execute(Runnable task) {
        executor.execute(task);
    }
}
