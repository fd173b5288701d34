package isa.duckdb.application.service;

import static isa.duckdb.application.service.LifecycleFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The periodic work, run by hand: the executor only captures what was scheduled. */
class LifecycleSchedulerTest {
    @TempDir
    Path root;
    private LifecycleFixture fixture;
    private final CapturingExecutor executor = new CapturingExecutor();

    @BeforeEach
    void startScheduler() {
        fixture = new LifecycleFixture(root);
        new LifecycleScheduler(fixture.lifecycle, executor, fixture.settings).start();
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void theWorkRunsWithAFixedDelayOfTheSyncInterval() {
        assertThat(executor.task).isNotNull();
        assertThat(executor.initialDelayMillis).isEqualTo(LifecycleFixture.SYNC_INTERVAL.toMillis());
        assertThat(executor.delayMillis).isEqualTo(LifecycleFixture.SYNC_INTERVAL.toMillis());
    }

    @Test
    void eachRunWritesChangedDatabasesBackAndClosesIdleOnes() {
        DatabaseDescriptor changed = fixture.stored("changed");
        DatabaseDescriptor idle = fixture.stored("idle");
        fixture.lifecycle.acquire(idle, CancellationSignal.none()).close();
        fixture.clock.advance(LifecycleFixture.IDLE_TIMEOUT.plusSeconds(1));
        fixture.write(changed, "CREATE TABLE c (id INTEGER)");

        executor.task.run();

        assertThat(fixture.storedTables("changed")).hasValue(List.of("c"));
        assertThat(fixture.lifecycle.isOpen(TENANT, changed.name())).isTrue();
        assertThat(fixture.lifecycle.isOpen(TENANT, idle.name())).isFalse();
    }

    @Test
    void eachRunRecoversWorkingCopiesLeftBehind() {
        fixture.stored("crashed");
        Path leftover = fixture.leaveWorkingCopy("crashed", "CREATE TABLE c (id INTEGER)");

        executor.task.run();

        assertThat(leftover).doesNotExist();
        assertThat(fixture.storedTables("crashed")).hasValue(List.of("c"));
    }

    @Test
    void aRunThatFailsDoesNotThrowSoTheNextRunStillHappens() {
        fixture.stored("crashed");
        Path leftover = fixture.leaveWorkingCopy("crashed", "CREATE TABLE c (id INTEGER)");
        fixture.engine.failNextOpen(new ServiceException(ErrorKind.INTERNAL, "cannot open"));

        assertThatCode(executor.task::run).doesNotThrowAnyException();
        assertThat(leftover).exists();

        executor.task.run();
        assertThat(leftover).doesNotExist();
    }

    /** Keeps the periodic task instead of running it, so the test runs it when it wants. */
    private static final class CapturingExecutor extends ScheduledThreadPoolExecutor {
        Runnable task;
        long initialDelayMillis;
        long delayMillis;

        CapturingExecutor() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            task = command;
            initialDelayMillis = unit.toMillis(initialDelay);
            delayMillis = unit.toMillis(delay);
            return schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }
}
