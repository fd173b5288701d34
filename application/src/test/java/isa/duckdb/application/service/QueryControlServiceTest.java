package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServiceHarness.MIA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.RunningQueryView;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.ScriptedAnswer;
import isa.duckdb.application.port.out.ServedCall;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListRunningQueries and CancelQuery over the queries QueryService runs on the fake engine. */
class QueryControlServiceTest {
    private static final String SLOW = "SELECT * FROM slow_remote_table";

    @TempDir
    Path work;
    private final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    private ServiceHarness harness;
    private QueryService queries;
    private QueryControlService control;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        queries = harness.queries();
        control = harness.queryControl();
        harness.create(LENA, "sales");
        queries.execute(new StatementCommand(LENA, "sales", "CREATE TABLE orders (id INTEGER, item VARCHAR)", "",
                Map.of(), 0), CancellationSignal.none());
        queries.execute(new StatementCommand(LENA, "sales", "INSERT INTO orders VALUES (1, 'pen'), (2, 'ink'), "
                + "(3, 'pad')", "", Map.of(), 0), CancellationSignal.none());
        engine.script(SLOW, ScriptedAnswer.blockUntilCancelled());
    }

    private CompletableFuture<Long> slowStatementOf(String callId) {
        harness.currentCall = new ServedCall(callId, "ExecuteStatement");
        CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> queries.execute(
                new StatementCommand(LENA, "sales", SLOW, "", Map.of(), 0), CancellationSignal.none()));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(SLOW));
        return call;
    }

    @Test
    void aRunningStatementIsListedWithItsCallTenantDatabaseSqlAndElapsedTime() {
        CompletableFuture<Long> call = slowStatementOf("c0ffee0000000001");
        harness.clock.advance(Duration.ofSeconds(7));

        List<RunningQueryView> listed = control.list(MIA);

        assertThat(listed).singleElement().satisfies(q -> {
            assertThat(q.callId()).isEqualTo("c0ffee0000000001");
            assertThat(q.rpc()).isEqualTo("ExecuteStatement");
            assertThat(q.tenant()).isEqualTo("lena");
            assertThat(q.database()).isEqualTo("sales");
            assertThat(q.sql()).isEqualTo(SLOW);
            assertThat(q.startedAt()).isEqualTo(ServicesFixture.START);
            assertThat(q.elapsed()).isEqualTo(Duration.ofSeconds(7));
            assertThat(q.rowsProduced()).isZero();
        });
        control.cancel(MIA, "c0ffee0000000001");
        call.handle((ok, error) -> error).join();
    }

    @Test
    void cancellingARunningQueryEndsItsCallWithCancelledNamingCancelQueryAndUnlistsIt() {
        CompletableFuture<Long> call = slowStatementOf("c0ffee0000000002");

        RunningQueryView cancelled = control.cancel(LENA, "c0ffee0000000002");

        assertThat(cancelled.sql()).isEqualTo(SLOW);
        Throwable failure = call.handle((ok, error) -> error).join();
        assertThat(failure).cause().isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.getMessage()).isEqualTo(
                    "CANCELLED: the query was cancelled by CancelQuery (call c0ffee0000000002)");
        });
        assertThat(control.list(LENA)).isEmpty();
    }

    @Test
    void rowsProducedCountTheRowsHandedOutSoFarAndAFinishedQueryIsNoLongerListed() {
        harness.currentCall = new ServedCall("c0ffee0000000003", "ExecuteQueryStream");
        try (OpenQuery query = queries.open(new QueryCommand(LENA, "sales", "SELECT * FROM orders", "", Map.of(), 0,
                0), CancellationSignal.none())) {
            assertThat(control.list(LENA)).singleElement().satisfies(q -> assertThat(q.rowsProduced()).isZero());
            query.next(2);
            assertThat(control.list(LENA)).singleElement().satisfies(q -> {
                assertThat(q.rowsProduced()).isEqualTo(2);
                assertThat(q.rpc()).isEqualTo("ExecuteQueryStream");
            });
        }
        assertThat(control.list(LENA)).isEmpty();
    }

    @Test
    void aBatchIsListedOnceWithItsStatementsAndTheRowsItsFinishedStatementsAffected() {
        harness.currentCall = new ServedCall("c0ffee0000000004", "ExecuteBatch");
        CompletableFuture<?> call = CompletableFuture.supplyAsync(() -> queries.execute(new BatchCommand(LENA, "sales",
                List.of("INSERT INTO orders VALUES (4, 'cap'), (5, 'nib')", SLOW), false), CancellationSignal.none()));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(SLOW));

        assertThat(control.list(LENA)).singleElement().satisfies(q -> {
            assertThat(q.sql()).isEqualTo("INSERT INTO orders VALUES (4, 'cap'), (5, 'nib');\n" + SLOW);
            assertThat(q.rowsProduced()).isEqualTo(2);
        });
        control.cancel(LENA, "c0ffee0000000004");
        assertThat(call.handle((ok, error) -> error).join()).isNotNull();
    }

    @Test
    void aQueryThatFailedToStartIsNotLeftListed() {
        failureOf(() -> queries.execute(new StatementCommand(LENA, "sales", "SELECT * FROM missing_table", "",
                Map.of(), 0), CancellationSignal.none()), ErrorKind.NOT_FOUND);

        assertThat(control.list(LENA)).isEmpty();
    }

    @Test
    void cancellingACallWithoutARunningQueryIsNotFoundAndAnEmptyIdIsInvalid() {
        failureOf(() -> control.cancel(LENA, "0000000000000000"), ErrorKind.NOT_FOUND);
        failureOf(() -> control.cancel(LENA, " "), ErrorKind.INVALID_ARGUMENT);
    }
}
