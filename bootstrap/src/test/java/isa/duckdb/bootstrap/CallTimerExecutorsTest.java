package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every call arms a deadline and every stream an idle timer, and disarms it when it ends long before it fires: the
 * executors running them must forget a disarmed timer at once, or the server keeps one per call for the whole
 * timeout (memory and a longer queue for every later call).
 */
class CallTimerExecutorsTest {

    /**
     * The timer thread is woken only when a task scheduled becomes the head of its queue; a deadline of a second
     * never does, so arming it per call costs no thread wake-up (README, "What a call costs").
     */
    @Test
    void aDeadlineOfASecondNeverBecomesTheHeadOfTheQueue() {
        for (ScheduledExecutorService executor : List.of(ApplicationModule.timerExecutor(),
                ResourceModule.streamTimerExecutor())) {
            try {
                ScheduledFuture<?> deadline = executor.schedule(() -> { }, 1, TimeUnit.SECONDS);

                Runnable head = ((ScheduledThreadPoolExecutor) executor).getQueue().peek();
                assertThat(head).isNotSameAs(deadline);
                assertThat(((ScheduledFuture<?>) head).getDelay(TimeUnit.MILLISECONDS))
                        .isLessThanOrEqualTo(DaemonThreads.PACEMAKER.toMillis());
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void disarmedDeadlinesAndStreamTimersLeaveTheQueueAtOnce() {
        for (ScheduledExecutorService executor : List.of(ApplicationModule.timerExecutor(),
                ResourceModule.streamTimerExecutor())) {
            try {
                List<ScheduledFuture<?>> timers = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    timers.add(executor.schedule(() -> { }, 300, TimeUnit.SECONDS));
                }
                ScheduledFuture<?> running = executor.schedule(() -> { }, 300, TimeUnit.SECONDS);
                timers.forEach(timer -> timer.cancel(false));

                assertThat(((ScheduledThreadPoolExecutor) executor).getQueue()).hasSize(2).contains((Runnable) running);
            } finally {
                executor.shutdownNow();
            }
        }
    }
}
