package isa.duckdb.bootstrap;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * One daemon thread running per-call timers (deadlines, idle streams): a timer disarmed before it fires leaves
     * the queue at once. The JDK's default keeps a cancelled task until its delay has passed, so a 300 s deadline
     * armed and disarmed by every call kept every call's timer for 300 s (at 3,000 calls/s, 900,000 of them).
     */
    static ScheduledExecutorService callTimers(String prefix) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, named(prefix));
        executor.setRemoveOnCancelPolicy(true);
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
