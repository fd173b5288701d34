package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServiceHarness.MIA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.BatchOutcome.StepResult;
import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.PreparedStatementInfo;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.InMemoryEngineDatabase;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.ScriptedAnswer;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ExecuteQuery(Stream), ExecuteStatement, ExecuteBatch, PrepareStatement and Explain over the fake engine. */
class QueryServiceTest {
    private static final String SLOW = "SELECT * FROM slow_remote_table";

    @TempDir
    Path work;
    private final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    private ServiceHarness harness;
    private QueryService queries;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        queries = harness.queries();
        harness.create(LENA, "sales");
        execute("CREATE TABLE orders (id INTEGER, item VARCHAR)");
        execute("INSERT INTO orders VALUES (1, 'pen'), (2, 'ink'), (3, 'pad')");
    }

    private long execute(String sql) {
        return queries.execute(new StatementCommand(LENA, "sales", sql, "", Map.of(), 0), CancellationSignal.none());
    }

    private static QueryCommand query(String sql, int maxRows) {
        return new QueryCommand(LENA, "sales", sql, "", Map.of(), maxRows, 0);
    }

    private static List<Value[]> drain(OpenQuery query) {
        List<Value[]> all = new ArrayList<>();
        for (List<Value[]> rows = query.next(100).toRows(); !rows.isEmpty(); rows = query.next(100).toRows()) {
            all.addAll(rows);
        }
        return all;
    }

    private List<Value[]> rowsOf(String sql) {
        try (OpenQuery query = queries.open(query(sql, 0), CancellationSignal.none())) {
            return drain(query);
        }
    }

    private long countOrders() {
        return ((Value.Int) rowsOf("SELECT count(*) FROM orders").get(0)[0]).value();
    }

    private InMemoryEngineDatabase salesDatabase() {
        return engine.databases().stream().filter(InMemoryEngineDatabase::isOpen)
                .filter(d -> d.file().getFileName().toString().equals("sales.duckdb")).findFirst().orElseThrow();
    }

    private int callsInFlight() {
        return harness.metricsService().databaseMetrics("lena/sales").callsInFlight();
    }

    @Test
    void aQueryAnswersItsColumnsAndThenItsRowsInBatches() {
        try (OpenQuery query = queries.open(query("SELECT * FROM orders", 0), CancellationSignal.none())) {
            assertThat(query.columns()).containsExactly(new Column("id", "INTEGER"), new Column("item", "VARCHAR"));
            assertThat(query.next(2).toRows()).extracting(row -> row[1]).containsExactly(new Value.Text("pen"), new Value.Text("ink"));
            assertThat(query.next(2).toRows()).extracting(row -> row[0]).containsExactly(new Value.Int(3));
            assertThat(query.next(2).toRows()).isEmpty();
            assertThat(query.affectedRows()).isZero();
        }
    }

    @Test
    void maxRowsEndsTheRowsAtTheLimit() {
        try (OpenQuery query = queries.open(query("SELECT * FROM range(1000)", 7), CancellationSignal.none())) {
            assertThat(query.next(5).toRows()).hasSize(5);
            assertThat(query.next(5).toRows()).hasSize(2);
            assertThat(query.next(5).toRows()).isEmpty();
        }
    }

    @Test
    void negativeMaxRowsOrTimeoutIsInvalid() {
        failureOf(() -> queries.open(query("SELECT * FROM orders", -1), CancellationSignal.none()),
                ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> queries.open(new QueryCommand(LENA, "sales", "SELECT * FROM orders", "", Map.of(), 0, -5),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void aStatementAnswersTheRowsItAffected() {
        assertThat(execute("INSERT INTO orders VALUES (4, 'cap'), (5, 'nib')")).isEqualTo(2);
        assertThat(execute("DELETE FROM orders WHERE id = 1")).isEqualTo(1);
        assertThat(countOrders()).isEqualTo(4);
    }

    @Test
    void aScriptRunsEveryStatementAndAnswersForTheLast() {
        long affected = execute("INSERT INTO orders VALUES (4, 'cap'); DELETE FROM orders WHERE id = 2; "
                + "DELETE FROM orders WHERE id = 3");

        assertThat(affected).isEqualTo(1);
        assertThat(rowsOf("SELECT * FROM orders")).extracting(row -> row[0]).containsExactly(new Value.Int(1),
                new Value.Int(4));
    }

    @Test
    void statementsThatManageTheEngineAreRefusedBeforeAnythingRuns() {
        List<String> before = engine.executed();
        for (String refused : List.of("ATTACH 'other.duckdb' AS other", "SET threads = 64", "COPY orders TO 'x.csv'",
                "INSTALL httpfs", "PRAGMA enable_profiling", "CREATE SECRET s (TYPE s3)",
                "INSERT INTO orders VALUES (9, 'x'); LOAD httpfs", "EXPLAIN ANALYZE ATTACH 'x'")) {
            String message = failureOf(() -> execute(refused), ErrorKind.INVALID_ARGUMENT).getMessage();
            assertThat(message).contains("not allowed");
        }

        assertThat(engine.executed()).isEqualTo(before);
        assertThat(countOrders()).isEqualTo(3);
    }

    @Test
    void emptySqlAndSqlTogetherWithAStatementIdAreInvalid() {
        failureOf(() -> execute("  "), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> execute("-- only a comment"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> queries.execute(new StatementCommand(LENA, "sales", "SELECT 1", "some-id", Map.of(), 0),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void theEnginesErrorReachesTheCallerWithItsKind() {
        String message = failureOf(() -> rowsOf("SELECT * FROM missing"), ErrorKind.NOT_FOUND).getMessage();

        assertThat(message).contains("missing");
        failureOf(() -> execute("INSERT INTO orders VALUES (1)"), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void theCallersLegacyTablePrefixIsRewrittenInTheSqlTheEngineGets() {
        execute("INSERT INTO user_lena_orders VALUES (4, 'cap')");
        List<Value[]> rows = rowsOf("SELECT * FROM \"user_lena_orders\" WHERE item = 'user_lena_orders'");

        assertThat(engine.executed()).contains("INSERT INTO orders VALUES (4, 'cap')",
                "SELECT * FROM \"orders\" WHERE item = 'user_lena_orders'");
        assertThat(rows).isEmpty();
        assertThat(countOrders()).isEqualTo(4);
    }

    @Test
    void anotherTenantsPrefixIsLeftAlone() {
        failureOf(() -> rowsOf("SELECT * FROM user_mia_orders"), ErrorKind.NOT_FOUND);

        assertThat(engine.executed()).contains("SELECT * FROM user_mia_orders");
    }

    @Test
    void aBatchOutsideATransactionRunsEveryStatementAndReportsEach() {
        BatchOutcome outcome = queries.execute(new BatchCommand(LENA, "sales", List.of(
                "INSERT INTO orders VALUES (4, 'cap')",
                "INSERT INTO nowhere VALUES (1)",
                "DELETE FROM orders WHERE id = 1"), false), CancellationSignal.none());

        assertThat(outcome.steps()).extracting(StepResult::success).containsExactly(true, false, true);
        assertThat(outcome.steps()).extracting(StepResult::affectedRows).containsExactly(1L, 0L, 1L);
        assertThat(outcome.steps().get(1).error()).startsWith("NOT_FOUND:").contains("nowhere");
        assertThat(outcome.error()).startsWith("NOT_FOUND: statement 2 failed: ").contains("nowhere")
                .endsWith("(1 of 3 statements failed, the others took effect)");
        assertThat(outcome.success()).isFalse();
        assertThat(countOrders()).isEqualTo(3);
    }

    @Test
    void aFailingStepRollsTheTransactionBackAndNamesTheStepsError() {
        BatchOutcome outcome = queries.execute(new BatchCommand(LENA, "sales", List.of(
                "INSERT INTO orders VALUES (4, 'cap')",
                "DELETE FROM orders WHERE id = 1",
                "INSERT INTO nowhere VALUES (1)",
                "INSERT INTO orders VALUES (5, 'nib')"), true), CancellationSignal.none());

        assertThat(outcome.steps()).extracting(StepResult::success).containsExactly(true, true, false, false);
        assertThat(outcome.steps().get(3).error()).isEqualTo("ABORTED: not run, statement 3 failed");
        assertThat(outcome.error()).startsWith("NOT_FOUND: statement 3 failed: ").contains("nowhere")
                .endsWith("; the transaction was rolled back and no statement took effect");
        assertThat(rowsOf("SELECT * FROM orders")).extracting(row -> row[0])
                .containsExactly(new Value.Int(1), new Value.Int(2), new Value.Int(3));
        assertThat(engine.executed()).doesNotContain("INSERT INTO orders VALUES (5, 'nib')");
    }

    @Test
    void aServiceFailureInABatchEndsTheCallWithItsKindAndTheTransactionTakesNoEffect() {
        String broken = "SELECT * FROM broken_storage";
        engine.script(broken, ScriptedAnswer.error(new ServiceException(ErrorKind.INTERNAL, "disk gone")));

        ServiceException failure = failureOf(() -> queries.execute(new BatchCommand(LENA, "sales", List.of(
                "INSERT INTO orders VALUES (4, 'cap')", broken, "INSERT INTO orders VALUES (5, 'nib')"), true),
                CancellationSignal.none()), ErrorKind.INTERNAL);

        assertThat(failure.getMessage()).contains("disk gone");
        assertThat(countOrders()).isEqualTo(3);
        assertThat(engine.executed()).doesNotContain("INSERT INTO orders VALUES (5, 'nib')");
    }

    @Test
    void aWriteWriteConflictInATransactionalBatchStartsTheBatchErrorWithAbortedSoTheCallerRetries() {
        engine.script("UPDATE orders SET item = 'pencil' WHERE id = 1", ScriptedAnswer.error(
                new ServiceException(ErrorKind.ABORTED, "TransactionContext Error: Conflict on update!")));

        BatchOutcome outcome = queries.execute(new BatchCommand(LENA, "sales", List.of(
                "INSERT INTO orders VALUES (4, 'cap')",
                "UPDATE orders SET item = 'pencil' WHERE id = 1",
                "INSERT INTO orders VALUES (5, 'nib')"), true), CancellationSignal.none());

        assertThat(outcome.error()).isEqualTo("ABORTED: statement 2 failed: TransactionContext Error: Conflict on"
                + " update!; the transaction was rolled back and no statement took effect");
        assertThat(outcome.steps().get(1).error()).isEqualTo("ABORTED: TransactionContext Error: Conflict on update!");
        assertThat(countOrders()).isEqualTo(3);
    }

    @Test
    void withoutATransactionTheBatchErrorCarriesTheFirstFailingStatementsCodeWord() {
        BatchOutcome outcome = queries.execute(new BatchCommand(LENA, "sales", List.of(
                "INSERT INTO orders VALUES (4, 'cap')",
                "SELEC oops",
                "INSERT INTO nowhere VALUES (1)"), false), CancellationSignal.none());

        assertThat(outcome.steps()).extracting(StepResult::success).containsExactly(true, false, false);
        assertThat(outcome.steps().get(2).error()).startsWith("NOT_FOUND:");
        assertThat(outcome.error()).startsWith("INVALID_ARGUMENT: statement 2 failed: ")
                .endsWith("(2 of 3 statements failed, the others took effect)");
        assertThat(countOrders()).isEqualTo(4);
    }

    @Test
    void aTransactionalBatchThatSucceedsTakesEffectWhole() {
        BatchOutcome outcome = queries.execute(new BatchCommand(LENA, "sales", List.of(
                "INSERT INTO orders VALUES (4, 'cap')", "DELETE FROM orders WHERE id = 1"), true),
                CancellationSignal.none());

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.error()).isEmpty();
        assertThat(countOrders()).isEqualTo(3);
        assertThat(rowsOf("SELECT * FROM orders WHERE id = 4")).hasSize(1);
    }

    @Test
    void aBatchCancelledMidwayEndsWithTheCancelAndItsTransactionTakesNoEffect() {
        engine.script(SLOW, ScriptedAnswer.blockUntilCancelled());
        CancellationSignal signal = CancellationSignal.none();
        CompletableFuture<BatchOutcome> call = CompletableFuture.supplyAsync(() -> queries.execute(new BatchCommand(LENA,
                "sales", List.of("INSERT INTO orders VALUES (4, 'cap')", SLOW, "INSERT INTO orders VALUES (5, 'nib')"),
                true), signal));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(SLOW));

        signal.cancel(ErrorKind.CANCELLED);

        Throwable failure = call.handle((ok, error) -> error).join();
        assertThat(failure).cause().isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
        assertThat(countOrders()).isEqualTo(3);
        assertThat(engine.executed()).doesNotContain("INSERT INTO orders VALUES (5, 'nib')");
        assertThat(callsInFlight()).isZero();
    }

    @Test
    void aBatchIsCheckedWholeBeforeAnyStatementRuns() {
        List<String> before = engine.executed();

        failureOf(() -> queries.execute(new BatchCommand(LENA, "sales", List.of(), false), CancellationSignal.none()),
                ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> queries.execute(new BatchCommand(LENA, "sales", List.of(
                "INSERT INTO orders VALUES (4, 'cap')", "DETACH sales"), false), CancellationSignal.none()),
                ErrorKind.INVALID_ARGUMENT);

        assertThat(engine.executed()).isEqualTo(before);
    }

    @Test
    void aPreparedStatementRunsByIdWithItsParameters() {
        PreparedStatementInfo prepared = queries.prepare(LENA, "sales", "SELECT * FROM user_lena_orders WHERE id = ?");

        List<Value[]> rows;
        try (OpenQuery query = queries.open(new QueryCommand(LENA, "sales", "", prepared.statementId(),
                Map.of("1", new Value.Int(2)), 0, 0), CancellationSignal.none())) {
            rows = drain(query);
        }

        assertThat(prepared.parameterTypes()).containsExactly("INTEGER");
        assertThat(rows).extracting(row -> row[1]).containsExactly(new Value.Text("ink"));
        assertThat(engine.executed()).contains("SELECT * FROM orders WHERE id = ?");
    }

    @Test
    void aPreparedStatementHoldsExactlyOneAllowedStatement() {
        failureOf(() -> queries.prepare(LENA, "sales", "SELECT 1; SELECT 2"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> queries.prepare(LENA, "sales", "SET threads = 1"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> queries.prepare(LENA, "nope", "SELECT * FROM orders"), ErrorKind.NOT_FOUND);
    }

    @Test
    void aPreparedStatementIsUnknownToOtherDatabasesAndExpiresAfterAnIdleHour() {
        harness.create(LENA, "other");
        String id = queries.prepare(LENA, "sales", "DELETE FROM orders WHERE id = ?").statementId();
        StatementCommand elsewhere = new StatementCommand(LENA, "other", "", id, Map.of("1", new Value.Int(1)), 0);
        StatementCommand here = new StatementCommand(LENA, "sales", "", id, Map.of("1", new Value.Int(1)), 0);

        failureOf(() -> queries.execute(elsewhere, CancellationSignal.none()), ErrorKind.NOT_FOUND);
        assertThat(queries.execute(here, CancellationSignal.none())).isEqualTo(1);
        harness.clock.advance(Duration.ofMinutes(61));
        failureOf(() -> queries.execute(here, CancellationSignal.none()), ErrorKind.NOT_FOUND);
        failureOf(() -> queries.execute(new StatementCommand(LENA, "sales", "", "unknown", Map.of(), 0),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);
    }

    @Test
    void parametersBindToASingleStatementOnly() {
        failureOf(() -> queries.execute(new StatementCommand(LENA, "sales", "DELETE FROM orders WHERE id = ?; SELECT 1",
                "", Map.of("1", new Value.Int(1)), 0), CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        assertThat(queries.execute(new StatementCommand(LENA, "sales", "DELETE FROM orders WHERE id = $id", "",
                Map.of("id", new Value.Int(3)), 0), CancellationSignal.none())).isEqualTo(1);
    }

    @Test
    void timeoutSecondsInterruptsTheRunningStatementAndReleasesTheDatabase() {
        engine.script(SLOW, ScriptedAnswer.blockUntilCancelled());
        CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> queries.execute(
                new StatementCommand(LENA, "sales", SLOW, "", Map.of(), 3), CancellationSignal.none()));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(SLOW));

        harness.timers.advance(Duration.ofSeconds(3));

        Throwable failure = call.handle((ok, error) -> error).join();
        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED));
        assertThat(callsInFlight()).isZero();
        assertThat(salesDatabase().openSessions()).isZero();
    }

    @Test
    void aQueryFinishedInTimeLeavesNoTimerBehind() {
        rowsOf("SELECT * FROM orders");
        queries.execute(new StatementCommand(LENA, "sales", "DELETE FROM orders WHERE id = 1", "", Map.of(), 30),
                CancellationSignal.none());

        assertThat(harness.timers.pending()).isZero();
    }

    @Test
    void aCallerCancellingStopsTheRows() {
        CancellationSignal signal = CancellationSignal.none();
        try (OpenQuery query = queries.open(query("SELECT * FROM range(100)", 0), signal)) {
            query.next(10).toRows();
            signal.cancel(ErrorKind.CANCELLED);

            failureOf(() -> query.next(10).toRows(), ErrorKind.CANCELLED);
        }
        assertThat(callsInFlight()).isZero();
    }

    @Test
    void closingAQueryReleasesItsSessionAndTheDatabase() {
        OpenQuery query = queries.open(query("SELECT * FROM range(100)", 0), CancellationSignal.none());
        assertThat(callsInFlight()).isEqualTo(1);
        assertThat(salesDatabase().openSessions()).isEqualTo(1);

        query.close();
        query.close();

        assertThat(callsInFlight()).isZero();
        assertThat(salesDatabase().openSessions()).isZero();
    }

    @Test
    void aFailedStatementReleasesItsSessionAndTheDatabase() {
        failureOf(() -> execute("INSERT INTO nowhere VALUES (1)"), ErrorKind.NOT_FOUND);

        assertThat(callsInFlight()).isZero();
        assertThat(salesDatabase().openSessions()).isZero();
    }

    @Test
    void everyStatementIsCountedForTheServiceAndTheDatabase() {
        long before = harness.metrics.summary().count();
        long failedBefore = harness.metrics.failures();

        execute("INSERT INTO orders VALUES (4, 'cap')");
        rowsOf("SELECT * FROM orders");
        failureOf(() -> execute("INSERT INTO nowhere VALUES (1)"), ErrorKind.NOT_FOUND);
        queries.execute(new BatchCommand(LENA, "sales", List.of("DELETE FROM orders WHERE id = 4",
                "DELETE FROM nowhere"), false), CancellationSignal.none());

        assertThat(harness.metrics.summary().count()).isEqualTo(before + 5);
        assertThat(harness.metrics.failures()).isEqualTo(failedBefore + 2);
        DatabaseMetrics database = harness.metricsService().databaseMetrics("lena/sales");
        assertThat(database.queries().count()).isEqualTo(before + 5);
        assertThat(database.queriesFailed()).isEqualTo(failedBefore + 2);
    }

    @Test
    void aDataChangeWithReturningCountsTheRowsItChanged() {
        String insert = "INSERT INTO orders VALUES (10, 'a'), (11, 'b') RETURNING id";
        engine.script(insert, ScriptedAnswer.rows(List.of(new Column("id", "INTEGER")),
                List.<Value[]>of(new Value[] {new Value.Int(10)}, new Value[] {new Value.Int(11)})));
        engine.script("SELECT 5", ScriptedAnswer.rows(List.of(new Column("5", "INTEGER")),
                List.<Value[]>of(new Value[] {new Value.Int(5)})));

        assertThat(execute(insert)).isEqualTo(2);
        assertThat(execute("SELECT 5")).isZero();
        BatchOutcome batch = queries.execute(new BatchCommand(LENA, "sales", List.of(insert, "SELECT 5"), true),
                CancellationSignal.none());
        assertThat(batch.steps()).extracting(StepResult::affectedRows).containsExactly(2L, 0L);
    }

    @Test
    void explainAnswersTheEnginesPlanText() {
        engine.script("EXPLAIN SELECT * FROM orders", ScriptedAnswer.rows(
                List.of(new Column("explain_key", "VARCHAR"), new Column("explain_value", "VARCHAR")),
                List.<Value[]>of(new Value[] {new Value.Text("physical_plan"), new Value.Text("SEQ_SCAN orders")})));

        String plan = queries.explain(query("SELECT * FROM user_lena_orders", 0), CancellationSignal.none());
        String alreadyExplained = queries.explain(query("EXPLAIN SELECT * FROM orders", 0), CancellationSignal.none());

        assertThat(plan).isEqualTo("SEQ_SCAN orders\n").isEqualTo(alreadyExplained);
        failureOf(() -> queries.explain(query("SELECT 1; SELECT 2", 0), CancellationSignal.none()),
                ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void aTenantWhoseBucketNameCollidesCannotQueryTheOwnersDatabase() {
        TenantId underscore = TenantId.of("lena_x");
        TenantId dash = TenantId.of("lena-x");
        harness.create(underscore, "books");
        queries.execute(new StatementCommand(underscore, "books", "CREATE TABLE secrets (id INTEGER); "
                + "INSERT INTO secrets VALUES (7)", "", Map.of(), 0), CancellationSignal.none());

        failureOf(() -> queries.open(new QueryCommand(dash, "books", "SELECT * FROM secrets", "", Map.of(), 0, 0),
                CancellationSignal.none()), ErrorKind.FAILED_PRECONDITION);
        failureOf(() -> queries.execute(new StatementCommand(dash, "books", "DELETE FROM secrets", "", Map.of(), 0),
                CancellationSignal.none()), ErrorKind.FAILED_PRECONDITION);
    }

    @Test
    void anotherTenantCannotReachTheDatabaseEvenByItsId() {
        String id = harness.catalog.resolve(LENA, "sales").id();

        failureOf(() -> queries.open(new QueryCommand(MIA, id, "SELECT * FROM orders", "", Map.of(), 0, 0),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);
        failureOf(() -> queries.open(new QueryCommand(MIA, "sales", "SELECT * FROM orders", "", Map.of(), 0, 0),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);
    }
}
