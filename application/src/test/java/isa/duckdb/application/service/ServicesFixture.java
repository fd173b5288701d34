package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helpers shared by the service tests: a clock and a scheduler that move only when told. */
final class ServicesFixture {
    static final Instant START = Instant.parse("2024-03-01T12:00:00.123Z");

    private ServicesFixture() {
    }

    /** Asserts that the call fails with a {@link ServiceException} of that code word, and returns it. */
    static ServiceException failureOf(ThrowingCallable call, ErrorKind kind) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ServiceException.class);
        ServiceException failure = (ServiceException) thrown;
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(kind);
        assertThat(failure.getMessage()).startsWith(kind.name() + ": ");
        return failure;
    }

    /**
     * A scheduler whose time moves only with {@link #advance}: a task runs on the calling thread once
     * its delay has passed. Only one-shot {@code schedule} of a Runnable is replaced, which is all
     * CallTimer uses; the pool itself never starts a thread for it.
     */
    static final class ManualScheduler extends ScheduledThreadPoolExecutor {
        private final List<Task> tasks = new ArrayList<>();
        private long nowNanos;

        ManualScheduler() {
            super(1);
        }

        synchronized void advance(Duration step) {
            nowNanos += step.toNanos();
            List<Task> due = tasks.stream().filter(t -> !t.cancelled && t.dueNanos <= nowNanos).toList();
            tasks.removeAll(due);
            due.forEach(t -> t.command.run());
        }

        synchronized int pending() {
            return (int) tasks.stream().filter(t -> !t.cancelled).count();
        }

        @Override
        public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Task task = new Task(command, nowNanos + unit.toNanos(delay));
            tasks.add(task);
            return task;
        }

        private final class Task implements ScheduledFuture<Object> {
            final Runnable command;
            final long dueNanos;
            volatile boolean cancelled;

            Task(Runnable command, long dueNanos) {
                this.command = command;
                this.dueNanos = dueNanos;
            }

            @Override
            public long getDelay(TimeUnit unit) {
                return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public int compareTo(Delayed other) {
                return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancelled = true;
                return true;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public boolean isDone() {
                return cancelled;
            }

            @Override
            public Object get() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object get(long timeout, TimeUnit unit) {
                throw new UnsupportedOperationException();
            }
        }
    }
}
