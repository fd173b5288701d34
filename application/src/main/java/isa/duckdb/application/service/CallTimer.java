package isa.duckdb.application.service;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Cancels a call's signal with DEADLINE_EXCEEDED once its {@code timeout_seconds} pass. */
public final class CallTimer {
    /** Names the {@link ScheduledExecutorService} the timers run on (several executors exist). */
    public static final String EXECUTOR = "call-timer";

    private final ScheduledExecutorService scheduler;

    @Inject
    public CallTimer(@Named(EXECUTOR) ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** @return what disarms the timer (call it when the work ends) */
    Runnable arm(CancellationSignal signal, int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            return () -> { };
        }
        ScheduledFuture<?> timer = scheduler.schedule(() -> signal.cancel(ErrorKind.DEADLINE_EXCEEDED),
                timeoutSeconds, TimeUnit.SECONDS);
        return () -> timer.cancel(false);
    }
}
