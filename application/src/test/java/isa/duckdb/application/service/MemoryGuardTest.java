package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServiceHarness.MIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.FakeProcessMemory;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.ScriptedAnswer;
import isa.duckdb.application.port.out.ServedCall;
import isa.duckdb.domain.ByteSize;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process memory guard over queries QueryService runs on the fake engine, with a process whose size we set. */
class MemoryGuardTest {
    private static final long GIB = 1L << 30;
    private static final String RUNAWAY = "SELECT len(range(500000000))";
    private static final String OTHER_RUNAWAY = "SELECT len(repeat('x', 2000000000))";

    @TempDir
    Path work;
    private final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    private final FakeProcessMemory memory = new FakeProcessMemory(GIB);
    private ServiceHarness harness;
    private QueryService queries;
    private MemoryGuard guard;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        queries = harness.queries();
        guard = new MemoryGuard(memory, harness.running, ByteSize.of(2 * GIB), harness.clock);
        harness.create(LENA, "sales");
        harness.create(MIA, "shop");
        queries.execute(new StatementCommand(Caller.trusted(MIA), "shop", "CREATE TABLE orders (id INTEGER)", "",
                Map.of(), 0), CancellationSignal.none());
        queries.execute(new StatementCommand(Caller.trusted(MIA), "shop", "INSERT INTO orders VALUES (1), (2)", "",
                Map.of(), 0), CancellationSignal.none());
        engine.script(RUNAWAY, ScriptedAnswer.blockUntilCancelled());
        engine.script(OTHER_RUNAWAY, ScriptedAnswer.blockUntilCancelled());
    }

    private CompletableFuture<Long> runaway(String callId, String sql) {
        harness.currentCall = new ServedCall(callId, "ExecuteStatement");
        CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> queries.execute(
                new StatementCommand(Caller.trusted(LENA), "sales", sql, "", Map.of(), 0), CancellationSignal.none()));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(sql));
        return call;
    }

    private OpenQuery streamWaitingForItsReader(String callId) {
        harness.currentCall = new ServedCall(callId, "ExecuteQueryStream");
        return queries.open(new QueryCommand(Caller.trusted(MIA), "shop", "SELECT * FROM orders", "", Map.of(), 0, 0),
                CancellationSignal.none());
    }

    private static ServiceException failure(CompletableFuture<Long> call) {
        Throwable thrown = call.handle((ok, error) -> error).join();
        assertThat(thrown).isNotNull();
        return (ServiceException) thrown.getCause();
    }

    @Test
    void belowTheLimitNothingIsStopped() {
        CompletableFuture<Long> call = runaway("c0ffee0000000001", RUNAWAY);
        memory.set(2 * GIB);

        assertThat(guard.check()).isEmpty();

        assertThat(call).isNotDone();
        harness.running.all().forEach(entry -> entry.cancel("the test"));
        call.handle((ok, error) -> error).join();
    }

    @Test
    void aboveTheLimitTheQueryBusyInTheEngineEndsWithResourceExhaustedNamingTheLimitAndAWaitingStreamGoesOn() {
        try (OpenQuery waiting = streamWaitingForItsReader("c0ffee0000000002")) {
            CompletableFuture<Long> call = runaway("c0ffee0000000003", RUNAWAY);
            memory.set(2 * GIB + 1);

            assertThat(guard.check()).contains("c0ffee0000000003");

            ServiceException stopped = failure(call);
            assertThat(stopped.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
            assertThat(stopped.getMessage()).startsWith("RESOURCE_EXHAUSTED: ")
                    .contains("memory limit of 2 GiB (--process-memory-limit)");
            assertThat(waiting.next(10).rowCount()).isEqualTo(2);
        }
    }

    @Test
    void theQueryLongestInTheEngineIsStoppedFirstAndTheNextOnlyAfterTheGrace() {
        CompletableFuture<Long> older = runaway("c0ffee0000000004", RUNAWAY);
        harness.clock.advance(Duration.ofSeconds(3));
        CompletableFuture<Long> newer = runaway("c0ffee0000000005", OTHER_RUNAWAY);
        memory.set(3 * GIB);

        assertThat(guard.check()).contains("c0ffee0000000004");
        harness.clock.advance(MemoryGuard.GRACE.minusMillis(1));
        memory.add(MemoryGuard.MIN_GROWTH);
        assertThat(guard.check()).isEmpty();
        assertThat(newer).isNotDone();
        harness.clock.advance(Duration.ofMillis(1));
        memory.add(MemoryGuard.MIN_GROWTH);
        assertThat(guard.check()).contains("c0ffee0000000005");

        assertThat(failure(older).kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
        assertThat(failure(newer).kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
    }

    @Test
    void memoryThatStaysAboveTheLimitWithoutGrowingStopsNothing() {
        memory.set(3 * GIB);
        assertThat(guard.check()).isEmpty();
        CompletableFuture<Long> call = runaway("c0ffee0000000010", RUNAWAY);
        harness.clock.advance(Duration.ofMillis(100));
        memory.add(MemoryGuard.MIN_GROWTH - 1);

        assertThat(guard.check()).isEmpty();

        assertThat(call).isNotDone();
        harness.running.all().forEach(entry -> entry.cancel("the test"));
        call.handle((ok, error) -> error).join();
    }

    @Test
    void whenNoQueryIsInTheEngineTheNewestIsStopped() {
        try (OpenQuery first = streamWaitingForItsReader("c0ffee0000000006")) {
            harness.clock.advance(Duration.ofSeconds(1));
            try (OpenQuery second = streamWaitingForItsReader("c0ffee0000000007")) {
                memory.set(5 * GIB);

                assertThat(guard.check()).contains("c0ffee0000000007");

                assertThat(first.next(10).rowCount()).isEqualTo(2);
                assertThat(ServicesFixture.failureOf(() -> second.next(10), ErrorKind.RESOURCE_EXHAUSTED).getMessage())
                        .contains("--process-memory-limit");
            }
        }
    }

    @Test
    void aZeroLimitOrAProcessThatCannotTellItsSizeTurnsTheGuardOff() {
        try (OpenQuery waiting = streamWaitingForItsReader("c0ffee0000000008")) {
            memory.set(100 * GIB);
            MemoryGuard off = new MemoryGuard(memory, harness.running, ByteSize.ZERO, harness.clock);
            MemoryGuard blind = new MemoryGuard(new FakeProcessMemory(-1), harness.running, ByteSize.of(1), harness.clock);

            assertThat(off.check()).isEqualTo(Optional.empty());
            assertThat(blind.check()).isEmpty();
            assertThat(waiting.next(10).rowCount()).isEqualTo(2);
        }
    }
}
