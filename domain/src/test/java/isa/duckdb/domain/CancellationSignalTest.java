package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CancellationSignalTest {

    @Test
    void newSignalIsNotCancelled() {
        CancellationSignal signal = CancellationSignal.none();

        assertThat(signal.isCancelled()).isFalse();
        assertThat(signal.reason()).isNull();
    }

    @Test
    void noneGivesAFreshSignalEachTime() {
        CancellationSignal first = CancellationSignal.none();
        first.cancel(ErrorKind.CANCELLED);

        assertThat(CancellationSignal.none().isCancelled()).isFalse();
    }

    @Test
    void cancelRunsEveryHookOnce() {
        CancellationSignal signal = CancellationSignal.none();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        signal.onCancel(first::incrementAndGet);
        signal.onCancel(second::incrementAndGet);

        signal.cancel(ErrorKind.CANCELLED);
        signal.cancel(ErrorKind.CANCELLED);
        signal.cancel(ErrorKind.DEADLINE_EXCEEDED);

        assertThat(first).hasValue(1);
        assertThat(second).hasValue(1);
        assertThat(signal.isCancelled()).isTrue();
    }

    @Test
    void hooksDoNotRunBeforeCancel() {
        CancellationSignal signal = CancellationSignal.none();
        AtomicInteger runs = new AtomicInteger();

        signal.onCancel(runs::incrementAndGet);

        assertThat(runs).hasValue(0);
    }

    @Test
    void hookRegisteredAfterCancelRunsImmediatelyAndOnlyOnce() {
        CancellationSignal signal = CancellationSignal.none();
        signal.cancel(ErrorKind.DEADLINE_EXCEEDED);
        AtomicInteger runs = new AtomicInteger();

        signal.onCancel(runs::incrementAndGet);
        assertThat(runs).hasValue(1);

        signal.cancel(ErrorKind.CANCELLED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void reasonIsKeptFromTheFirstCancel() {
        CancellationSignal signal = CancellationSignal.none();

        signal.cancel(ErrorKind.DEADLINE_EXCEEDED);
        signal.cancel(ErrorKind.CANCELLED);

        assertThat(signal.reason()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED);
    }

    @Test
    void removedHookDoesNotRun() {
        CancellationSignal signal = CancellationSignal.none();
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        Runnable unhook = signal.onCancel(removed::incrementAndGet);
        signal.onCancel(kept::incrementAndGet);

        unhook.run();
        signal.cancel(ErrorKind.CANCELLED);

        assertThat(removed).hasValue(0);
        assertThat(kept).hasValue(1);
    }

    @Test
    void removingAfterCancelIsHarmless() {
        CancellationSignal signal = CancellationSignal.none();
        AtomicInteger runs = new AtomicInteger();
        Runnable unhook = signal.onCancel(runs::incrementAndGet);
        signal.cancel(ErrorKind.CANCELLED);

        unhook.run();

        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailingHookDoesNotStopTheOthers() {
        CancellationSignal signal = CancellationSignal.none();
        AtomicInteger after = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException second = new IllegalStateException("second");
        signal.onCancel(() -> {
            throw boom;
        });
        signal.onCancel(after::incrementAndGet);
        signal.onCancel(() -> {
            throw second;
        });

        assertThatThrownBy(() -> signal.cancel(ErrorKind.CANCELLED))
                .isSameAs(boom)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
        assertThat(after).hasValue(1);
        assertThat(signal.reason()).isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    void exceptionForADeadline() {
        CancellationSignal signal = CancellationSignal.none();
        signal.cancel(ErrorKind.DEADLINE_EXCEEDED);

        ServiceException e = signal.asException("the query");

        assertThat(e.kind()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("DEADLINE_EXCEEDED: the query exceeded its deadline and was interrupted");
    }

    @Test
    void exceptionForACancel() {
        CancellationSignal signal = CancellationSignal.none();
        signal.cancel(ErrorKind.CANCELLED);

        ServiceException e = signal.asException("the import");

        assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(e.detail()).isEqualTo("the import was cancelled by the caller");
    }

    @Test
    void aCancelThatNamesWhoCancelledSaysSoAndOnlyTheFirstCancelCounts() {
        CancellationSignal signal = CancellationSignal.none();
        signal.cancel(ErrorKind.CANCELLED, "CancelQuery (call 12ab)");
        signal.cancel(ErrorKind.DEADLINE_EXCEEDED, "someone else");

        ServiceException e = signal.asException("the query");

        assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(e.detail()).isEqualTo("the query was cancelled by CancelQuery (call 12ab)");
    }

    @Test
    void exceptionBeforeAnyCancelSaysCancelled() {
        assertThat(CancellationSignal.none().asException("x").kind()).isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    @Timeout(30)
    void everyHookRunsExactlyOnceWhenRegisteringRacesWithCancel() throws Exception {
        int threads = 8;
        int hooksPerThread = 2_000;
        for (int round = 0; round < 20; round++) {
            CancellationSignal signal = CancellationSignal.none();
            AtomicInteger[] runs = new AtomicInteger[threads * hooksPerThread];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = new AtomicInteger();
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = t * hooksPerThread;
                    work.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < hooksPerThread; i++) {
                            signal.onCancel(runs[base + i]::incrementAndGet);
                        }
                        return null;
                    }));
                }
                work.add(pool.submit(() -> {
                    start.await();
                    signal.cancel(ErrorKind.CANCELLED);
                    return null;
                }));
                start.countDown();
                for (Future<?> f : work) {
                    f.get(20, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (AtomicInteger count : runs) {
                assertThat(count).hasValue(1);
            }
        }
    }

    @Test
    void workStoppedByAResourceBoundEndsWithResourceExhaustedNamingTheBound() {
        CancellationSignal signal = new CancellationSignal();

        signal.cancel(ErrorKind.RESOURCE_EXHAUSTED, "the process memory limit of 2 GiB was reached");

        assertThat(signal.asException("the query").getMessage())
                .isEqualTo("RESOURCE_EXHAUSTED: the query was stopped: the process memory limit of 2 GiB was reached");
    }
}
