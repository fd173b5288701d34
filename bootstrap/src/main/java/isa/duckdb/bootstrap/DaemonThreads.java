package isa.duckdb.bootstrap;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

final class DaemonThreads {
    /** Period of the no-op that keeps per-call timers from waking the timer thread. */
    static final Duration PACEMAKER = Duration.ofMillis(250);

    private DaemonThreads() {
    }

    /**
     * One daemon thread running per-call timers (deadlines, idle streams): a timer disarmed before it fires leaves
     * the queue at once. The JDK's default keeps a cancelled task until its delay has passed, so a 300 s deadline
     * armed and disarmed by every call kept every call's timer for 300 s (at 3,000 calls/s, 900,000 of them).
     *
     * <p>A no-op every {@link #PACEMAKER} stays at the head of the queue, ahead of every timer longer than that
     * (deadlines are whole seconds): the JDK wakes the timer thread whenever a task scheduled becomes the head, which
     * on an idle server was every call's deadline (one thread wake-up per call, about 30 µs of CPU here; README,
     * "What a call costs"). The no-op itself wakes the thread four times a second.
     */
    static ScheduledExecutorService callTimers(String prefix) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, named(prefix));
        executor.setRemoveOnCancelPolicy(true);
        executor.scheduleAtFixedRate(() -> { }, PACEMAKER.toMillis(), PACEMAKER.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
