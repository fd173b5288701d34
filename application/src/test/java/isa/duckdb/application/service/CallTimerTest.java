package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** timeout_seconds: the call's signal is cancelled with DEADLINE_EXCEEDED when it passes. */
class CallTimerTest {
    private final ServicesFixture.ManualScheduler scheduler = new ServicesFixture.ManualScheduler();
    private final CallTimer timer = new CallTimer(scheduler);
    private final CancellationSignal signal = CancellationSignal.none();

    @Test
    void theSignalIsCancelledWithDeadlineExceededOnceTheTimeoutPasses() {
        timer.arm(signal, 5);

        scheduler.advance(Duration.ofMillis(4_999));
        assertThat(signal.isCancelled()).isFalse();

        scheduler.advance(Duration.ofMillis(1));
        assertThat(signal.reason()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED);
        assertThat(signal.asException("the query").getMessage())
                .isEqualTo("DEADLINE_EXCEEDED: the query exceeded its deadline and was interrupted");
    }

    @Test
    void aDisarmedTimerNeverCancels() {
        Runnable disarm = timer.arm(signal, 5);

        disarm.run();
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(signal.isCancelled()).isFalse();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void noTimeoutSchedulesNothing() {
        timer.arm(signal, 0).run();
        timer.arm(signal, -1);

        scheduler.advance(Duration.ofDays(1));

        assertThat(scheduler.pending()).isZero();
        assertThat(signal.isCancelled()).isFalse();
    }

    @Test
    void aCallerCancellingFirstKeepsItsOwnReason() {
        timer.arm(signal, 1);
        signal.cancel(ErrorKind.CANCELLED);

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(signal.reason()).isEqualTo(ErrorKind.CANCELLED);
    }
}
