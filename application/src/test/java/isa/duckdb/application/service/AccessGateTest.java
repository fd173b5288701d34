package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate between calls sharing an open database and the sync or close that needs it alone. */
class AccessGateTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private final AccessGate gate = new AccessGate();

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    void manyCallsShareTheGateAtOnceFromDifferentThreads() throws Exception {
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(gate::enterShared);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(gate::enterShared);

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.sharedCount()).isEqualTo(2);
    }

    @Test
    void anIdleGateIsTakenExclusivelyWithoutWaiting() {
        assertThat(gate.enterExclusive(Duration.ZERO, false)).isTrue();
    }

    @Test
    void anExclusiveEntryGivesUpWhenASharerStaysPastTheWait() {
        gate.enterShared();

        assertThat(gate.enterExclusive(Duration.ofMillis(20), false)).isFalse();
        assertThat(gate.sharedCount()).isEqualTo(1);
    }

    @Test
    void aSecondExclusiveEntryIsRefusedWhileTheFirstHoldsTheGate() {
        gate.enterExclusive(Duration.ZERO, false);

        assertThat(gate.enterExclusive(Duration.ZERO, false)).isFalse();
    }

    @Test
    void anExclusiveEntryWaitsUntilTheLastShareIsReleased() throws Exception {
        gate.enterShared();
        gate.enterShared();
        Waiter<Boolean> exclusive = Waiter.start(() -> gate.enterExclusive(LONG, false));
        exclusive.awaitBlocked();

        gate.exitShared();
        assertThat(exclusive.isDone()).isFalse();
        gate.exitShared();

        assertThat(exclusive.result()).isTrue();
    }

    @Test
    void aShareTakenOnOneThreadIsReleasedOnAnother() throws Exception {
        CompletableFuture.supplyAsync(gate::enterShared).get(10, TimeUnit.SECONDS);

        CompletableFuture.runAsync(gate::exitShared).get(10, TimeUnit.SECONDS);

        assertThat(gate.sharedCount()).isZero();
        assertThat(gate.enterExclusive(Duration.ZERO, false)).isTrue();
    }

    @Test
    void aNewCallWaitsWhileTheGateIsHeldExclusivelyAndEntersAfterwards() throws Exception {
        gate.enterExclusive(Duration.ZERO, false);
        Waiter<Boolean> call = Waiter.start(gate::enterShared);
        call.awaitBlocked();

        gate.exitExclusive(false);

        assertThat(call.result()).isTrue();
        assertThat(gate.sharedCount()).isEqualTo(1);
    }

    @Test
    void withoutBlockingNewcomersNewCallsEnterWhileAnExclusiveEntryWaits() throws Exception {
        gate.enterShared();
        Waiter<Boolean> exclusive = Waiter.start(() -> gate.enterExclusive(LONG, false));
        exclusive.awaitBlocked();

        Waiter<Boolean> newcomer = Waiter.start(gate::enterShared);

        assertThat(newcomer.result()).isTrue();
        assertThat(gate.sharedCount()).isEqualTo(2);
        assertThat(exclusive.isDone()).isFalse();
        gate.exitShared();
        gate.exitShared();
        assertThat(exclusive.result()).isTrue();
    }

    @Test
    void blockingNewcomersMakesNewCallsWaitUntilTheExclusiveHolderLeaves() throws Exception {
        gate.enterShared();
        Waiter<Boolean> exclusive = Waiter.start(() -> gate.enterExclusive(LONG, true));
        exclusive.awaitBlocked();
        Waiter<Boolean> newcomer = Waiter.start(gate::enterShared);
        newcomer.awaitBlocked();

        gate.exitShared();
        assertThat(exclusive.result()).isTrue();
        assertThat(newcomer.isDone()).isFalse();
        assertThat(gate.sharedCount()).isZero();

        gate.exitExclusive(false);
        assertThat(newcomer.result()).isTrue();
        assertThat(gate.sharedCount()).isEqualTo(1);
    }

    @Test
    void newCallsEnterAgainOnceABlockingExclusiveEntryTimedOut() throws Exception {
        gate.enterShared();

        assertThat(gate.enterExclusive(Duration.ofMillis(20), true)).isFalse();

        assertThat(Waiter.start(gate::enterShared).result()).isTrue();
        assertThat(gate.sharedCount()).isEqualTo(2);
    }

    @Test
    void callsHeldBackByABlockingExclusiveEntryGetInWhenItGivesUp() throws Exception {
        gate.enterShared();
        // Long enough for the newcomer to arrive and block even on a loaded machine.
        Waiter<Boolean> exclusive = Waiter.start(() -> gate.enterExclusive(Duration.ofSeconds(3), true));
        exclusive.awaitBlocked();
        Waiter<Boolean> newcomer = Waiter.start(gate::enterShared);
        newcomer.awaitBlocked();

        assertThat(exclusive.result()).isFalse();

        assertThat(newcomer.result()).isTrue();
        assertThat(gate.sharedCount()).isEqualTo(2);
    }

    @Test
    void aGateClosedForGoodRefusesNewCalls() {
        gate.enterExclusive(Duration.ZERO, false);
        gate.exitExclusive(true);

        assertThat(gate.isClosed()).isTrue();
        assertThat(gate.enterShared()).isFalse();
        assertThat(gate.sharedCount()).isZero();
    }

    @Test
    void aCallWaitingWhenTheGateClosesForGoodIsRefused() throws Exception {
        gate.enterExclusive(Duration.ZERO, false);
        Waiter<Boolean> call = Waiter.start(gate::enterShared);
        call.awaitBlocked();

        gate.exitExclusive(true);

        assertThat(call.result()).isFalse();
    }

    @Test
    void leavingWithoutClosingKeepsTheGateOpen() {
        gate.enterExclusive(Duration.ZERO, false);
        gate.exitExclusive(false);

        assertThat(gate.isClosed()).isFalse();
        assertThat(gate.enterShared()).isTrue();
    }

    @Test
    void anInterruptedExclusiveWaitGivesUpKeepsTheInterruptAndLetsCallsIn() throws Exception {
        gate.enterShared();
        Thread.currentThread().interrupt();

        boolean entered = gate.enterExclusive(LONG, true);

        assertThat(entered).isFalse();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(Waiter.start(gate::enterShared).result()).isTrue();
    }

    @Test
    void anInterruptedCallKeepsWaitingForTheExclusiveHolderAndKeepsTheInterrupt() throws Exception {
        gate.enterExclusive(Duration.ZERO, false);
        Waiter<Boolean> call = Waiter.start(() -> {
            boolean entered = gate.enterShared();
            return entered && Thread.currentThread().isInterrupted();
        });
        call.awaitBlocked();

        call.thread.interrupt();
        call.awaitBlocked();
        assertThat(call.isDone()).isFalse();
        gate.exitExclusive(false);

        assertThat(call.result()).as("entered with the interrupt flag still set").isTrue();
    }

    /** A call into the gate on its own thread, so the test can watch it wait. */
    private static final class Waiter<T> {
        private final CompletableFuture<T> outcome = new CompletableFuture<>();
        private final Thread thread;

        private Waiter(Supplier<T> call) {
            thread = new Thread(() -> {
                try {
                    outcome.complete(call.get());
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            }, "gate-waiter");
            thread.setDaemon(true);
        }

        static <T> Waiter<T> start(Supplier<T> call) {
            Waiter<T> waiter = new Waiter<>(call);
            waiter.thread.start();
            return waiter;
        }

        /** Returns once the thread waits inside the gate (Object.wait, with or without a timeout). */
        void awaitBlocked() {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Thread.State state = thread.getState();
                return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
            });
        }

        boolean isDone() {
            return outcome.isDone();
        }

        T result() throws Exception {
            return outcome.get(10, TimeUnit.SECONDS);
        }
    }
}
