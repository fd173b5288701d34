package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.ScriptedAnswer;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent autocommit writes to one database commit in groups (ExecuteStatement, README "Benchmark"): each caller
 * gets its own exact result, a failing write fails alone, and a caller that gives up while waiting leaves no trace.
 * The first writer is held inside the engine so that the others queue up behind it and form the next group.
 */
class CommitGroupsTest {
    private static final String HELD = "INSERT INTO orders SELECT * FROM held_upstream";

    @TempDir
    Path work;
    private final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    private final CountDownLatch release = new CountDownLatch(1);
    private ServiceHarness harness;
    private QueryService queries;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        queries = harness.queries();
        harness.create(LENA, "sales");
        execute("CREATE TABLE orders (id INTEGER, item VARCHAR)");
        execute("INSERT INTO orders VALUES (0, 'old')");
        engine.script(HELD, ScriptedAnswer.blockUntil(release, 0));
    }

    private long execute(String sql) {
        return execute(sql, CancellationSignal.none());
    }

    private long execute(String sql, CancellationSignal signal) {
        return queries.execute(new StatementCommand(Caller.trusted(LENA), "sales", sql, "", Map.of(), 0), signal);
    }

    private CompletableFuture<Long> executeLater(String sql, CancellationSignal signal) {
        return CompletableFuture.supplyAsync(() -> execute(sql, signal));
    }

    private int callsInFlight() {
        return harness.metricsService().databaseMetrics(Principal.trusted(), "lena/sales").callsInFlight();
    }

    private List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        try (OpenQuery query = queries.open(new QueryCommand(Caller.trusted(LENA), "sales", "SELECT * FROM orders", "",
                Map.of(), 0, 0), CancellationSignal.none())) {
            for (List<Value[]> rows = query.next(100).toRows(); !rows.isEmpty(); rows = query.next(100).toRows()) {
                rows.forEach(row -> ids.add(((Value.Int) row[0]).value()));
            }
        }
        Collections.sort(ids);
        return ids;
    }

    /** Starts the held write, then the given writes, and waits until all of them are inside the service. */
    private List<CompletableFuture<Long>> queuedBehindTheHeldWrite(List<String> writes, List<CancellationSignal> signals) {
        CompletableFuture<Long> held = executeLater(HELD, CancellationSignal.none());
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(HELD));
        List<CompletableFuture<Long>> calls = new ArrayList<>(List.of(held));
        for (int i = 0; i < writes.size(); i++) {
            calls.add(executeLater(writes.get(i), signals.get(i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> callsInFlight() == writes.size() + 1);
        return calls;
    }

    private static ServiceException failureOf(CompletableFuture<Long> call) {
        Throwable failure = call.handle((ok, error) -> error).join();
        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(ServiceException.class);
        return (ServiceException) failure.getCause();
    }

    @Test
    void writesQueuedTogetherEachGetTheirOwnCountAndAllLand() {
        List<CompletableFuture<Long>> calls = queuedBehindTheHeldWrite(
                List.of("INSERT INTO orders VALUES (1, 'pen')", "INSERT INTO orders VALUES (2, 'ink'), (3, 'pad')",
                        "DELETE FROM orders WHERE id = 0"),
                List.of(CancellationSignal.none(), CancellationSignal.none(), CancellationSignal.none()));

        release.countDown();

        assertThat(calls.get(0).join()).isZero();
        assertThat(calls.get(1).join()).isEqualTo(1);
        assertThat(calls.get(2).join()).isEqualTo(2);
        assertThat(calls.get(3).join()).isEqualTo(1);
        assertThat(ids()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aFailingWriteInAGroupFailsAloneAndTheOthersLand() {
        String broken = "INSERT INTO no_such_table VALUES (9, 'x')";
        List<CompletableFuture<Long>> calls = queuedBehindTheHeldWrite(
                List.of("INSERT INTO orders VALUES (1, 'pen')", broken, "INSERT INTO orders VALUES (2, 'ink')"),
                List.of(CancellationSignal.none(), CancellationSignal.none(), CancellationSignal.none()));

        release.countDown();

        assertThat(calls.get(1).join()).isEqualTo(1);
        assertThat(failureOf(calls.get(2)).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(calls.get(3).join()).isEqualTo(1);
        assertThat(ids()).containsExactly(0L, 1L, 2L);
        assertThat(engine.executed().stream().filter(broken::equals).count())
                .as("the broken write ran in the group, then alone").isEqualTo(2);
    }

    @Test
    void aWriterCancelledWhileWaitingAnswersItsCancelAndItsWriteNeverRuns() {
        CancellationSignal impatient = new CancellationSignal();
        String dropped = "INSERT INTO orders VALUES (7, 'late')";
        List<CompletableFuture<Long>> calls = queuedBehindTheHeldWrite(
                List.of(dropped, "INSERT INTO orders VALUES (1, 'pen')"),
                List.of(impatient, CancellationSignal.none()));

        impatient.cancel(ErrorKind.CANCELLED);
        assertThat(failureOf(calls.get(1)).kind()).isEqualTo(ErrorKind.CANCELLED);
        release.countDown();

        assertThat(calls.get(2).join()).isEqualTo(1);
        assertThat(ids()).containsExactly(0L, 1L);
        assertThat(engine.executed()).doesNotContain(dropped);
        assertThat(callsInFlight()).isZero();
    }

    @Test
    void aWriteWithReturningCountsTheRowsItGaveBack() {
        String returning = "INSERT INTO orders VALUES (1, 'pen'), (2, 'ink') RETURNING id";
        engine.script(returning, ScriptedAnswer.rows(List.of(new Column("id", "INTEGER")),
                List.of(new Value[] {new Value.Int(1)}, new Value[] {new Value.Int(2)})));
        List<CompletableFuture<Long>> calls = queuedBehindTheHeldWrite(
                List.of(returning),
                List.of(CancellationSignal.none()));

        release.countDown();

        assertThat(calls.get(1).join()).isEqualTo(2);
    }
}
