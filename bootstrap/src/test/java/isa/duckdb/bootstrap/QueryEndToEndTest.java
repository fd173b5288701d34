package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteBatchResponse;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.PrepareStatementResponse;
import isa.duckdb.api.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "quinn";
    private static final String DB = "analytics";
    private static final String LONG_QUERY = "SELECT count(*) FROM range(100000000000) a";

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, DB);
        ok(stub, USER, DB, "CREATE TABLE events(id INTEGER PRIMARY KEY, name VARCHAR, amount DECIMAL(18,3))");
        ok(stub, USER, DB, "INSERT INTO events VALUES (1, 'a', 1.5), (2, 'b', 2.25), (3, 'c', NULL)");
    }

    @Test
    void valuesAreTypedAndTypesAreDuckDbsOwn() {
        ExecuteQueryResponse response = select(stub, USER, DB, "SELECT true AS b, 7::TINYINT AS ti, 42 AS i,"
                + " 9223372036854775807 AS big, 18446744073709551615::UBIGINT AS ubig, 1.5::DOUBLE AS d,"
                + " 123.456::DECIMAL(18,3) AS dec, 'txt' AS v, DATE '2024-01-02' AS dt, TIME '10:11:12' AS tm,"
                + " TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05+02' AS tstz,"
                + " '\\xAA\\xBB'::BLOB AS bl, {'k': 1, 'n': 'x'} AS st, [1, 2, 3] AS li, MAP {'a': 1} AS mp,"
                + " NULL::INTEGER AS nul, INTERVAL 3 DAY AS iv, '00000000-0000-0000-0000-000000000001'::UUID AS u");
        assertThat(response.getColumnTypesList()).containsExactly("BOOLEAN", "TINYINT", "INTEGER", "BIGINT", "UBIGINT",
                "DOUBLE", "DECIMAL(18,3)", "VARCHAR", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "BLOB",
                "STRUCT(k INTEGER, n VARCHAR)", "INTEGER[]", "MAP(VARCHAR, INTEGER)", "INTEGER", "INTERVAL", "UUID");
        List<Value> row = response.getRows(0).getValuesList();
        assertThat(row.get(0).getBoolValue()).isTrue();
        assertThat(row.get(1).getIntValue()).isEqualTo(7);
        assertThat(row.get(2).getIntValue()).isEqualTo(42);
        assertThat(row.get(3).getIntValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get(4).getStringValue()).isEqualTo("18446744073709551615");
        assertThat(row.get(5).getDoubleValue()).isEqualTo(1.5);
        assertThat(row.get(6).getStringValue()).isEqualTo("123.456");
        assertThat(row.get(7).getStringValue()).isEqualTo("txt");
        assertThat(row.get(8).getStringValue()).isEqualTo("2024-01-02");
        assertThat(row.get(9).getStringValue()).isEqualTo("10:11:12");
        assertThat(row.get(10).getTimestampValue().getSeconds()).isEqualTo(1704164645L);
        assertThat(row.get(10).getTimestampValue().getNanos()).isEqualTo(123456000);
        assertThat(row.get(11).getTimestampValue().getSeconds()).isEqualTo(1704157445L);
        assertThat(row.get(12).getBytesValue().toByteArray()).containsExactly(0xAA, 0xBB);
        assertThat(row.get(13).getStructValue().getFieldsOrThrow("k").getNumberValue()).isEqualTo(1);
        assertThat(row.get(13).getStructValue().getFieldsOrThrow("n").getStringValue()).isEqualTo("x");
        assertThat(row.get(14).getStructValue().getFieldsOrThrow("items").getListValue().getValuesList())
                .extracting(com.google.protobuf.Value::getNumberValue).containsExactly(1.0, 2.0, 3.0);
        assertThat(row.get(15).getStructValue().getFieldsOrThrow("a").getNumberValue()).isEqualTo(1);
        assertThat(row.get(16).hasNullValue()).isTrue();
        assertThat(row.get(17).getStringValue()).isEqualTo("3 days");
        assertThat(row.get(18).getStringValue()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(response.getRowCount()).isEqualTo(1);
    }

    @Test
    void parametersBindByPositionAndByName() {
        ExecuteQueryResponse positional = stub.executeQuery(query(USER, DB, "SELECT name FROM events WHERE id > ? AND id < $2 ORDER BY id")
                .putParameters("1", Value.newBuilder().setIntValue(1).build())
                .putParameters("2", Value.newBuilder().setIntValue(3).build()).build());
        assertThat(positional.getRowsList()).extracting(r -> r.getValues(0).getStringValue()).containsExactly("b");
        ExecuteQueryResponse named = stub.executeQuery(query(USER, DB,
                "SELECT name, '$low stays text' AS note FROM events WHERE id >= $low AND name <> $skip ORDER BY id")
                .putParameters("low", Value.newBuilder().setIntValue(2).build())
                .putParameters("skip", Value.newBuilder().setStringValue("c").build()).build());
        assertThat(named.getError()).isEmpty();
        assertThat(named.getRowsList()).extracting(r -> r.getValues(0).getStringValue()).containsExactly("b");
        assertThat(named.getRows(0).getValues(1).getStringValue()).isEqualTo("$low stays text");
        ExecuteQueryResponse missing = stub.executeQuery(query(USER, DB, "SELECT $nope").build());
        assertThat(missing.getError()).startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void aFailedBatchsErrorStartsWithTheFailingStatementsCodeWord() {
        ExecuteBatchResponse transactional = stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setTransaction(true)
                .addStatements("INSERT INTO events VALUES (10, 'j', 1)")
                .addStatements("INSERT INTO events VALUES (1, 'dup', 0)").build());
        ExecuteBatchResponse each = stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB)
                .addStatements("SELECT 1")
                .addStatements("SELEC 2")
                .addStatements("SELECT * FROM nowhere").build());

        assertThat(transactional.getSuccess()).isFalse();
        assertThat(transactional.getError()).startsWith("FAILED_PRECONDITION: statement 2 failed: ")
                .endsWith("the transaction was rolled back and no statement took effect");
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM events WHERE id = 10").getRows(0).getValues(0)
                .getIntValue()).isZero();
        assertThat(each.getError()).startsWith("INVALID_ARGUMENT: statement 2 failed: ")
                .endsWith("(2 of 3 statements failed, the others took effect)");
    }

    @Test
    void maxRowsLimitsAndExplainPlansWithoutRunning() {
        ExecuteQueryResponse limited = stub.executeQuery(query(USER, DB, "SELECT * FROM range(1000)").setMaxRows(10).build());
        assertThat(limited.getRowsCount()).isEqualTo(10);
        assertThat(limited.getRowCount()).isEqualTo(10);
        ExecuteQueryResponse explained = stub.executeQuery(query(USER, DB, "SELECT * FROM events WHERE id = 1")
                .setExplain(true).build());
        assertThat(explained.getSuccess()).isTrue();
        assertThat(explained.getQueryPlan()).containsIgnoringCase("events");
        assertThat(explained.getRowsCount()).isZero();
        assertThat(stub.executeQuery(query(USER, DB, "SELECT 1").setMaxRows(-1).build()).getError())
                .startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void sqlErrorsCarryCodeWords() {
        assertThat(stub.executeQuery(query(USER, DB, "SELECT * FROM nowhere").build()).getError()).startsWith("NOT_FOUND:");
        assertThat(stub.executeQuery(query(USER, DB, "SELEC 1").build()).getError()).startsWith("INVALID_ARGUMENT:");
        assertThat(Requests.statement(stub, USER, DB, "INSERT INTO events VALUES (1, 'dup', 0)").getError())
                .startsWith("FAILED_PRECONDITION:");
        assertThat(stub.executeQuery(query(USER, DB, "").build()).getError()).startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void timeoutSecondsInterruptsTheQueryAndTheServerAnswersAtOnce() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> stub.executeQuery(query(USER, DB, LONG_QUERY).setTimeoutSeconds(1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM events").getRows(0).getValues(0).getIntValue()).isEqualTo(3);
    }

    @Test
    void clientDeadlineInterruptsTheQuery() {
        assertThatThrownBy(() -> stub.withDeadlineAfter(1, TimeUnit.SECONDS).executeQuery(query(USER, DB, LONG_QUERY).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        long start = System.nanoTime();
        assertThat(select(stub, USER, DB, "SELECT 1").getRowsCount()).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
    }

    @Test
    void transactionalBatchIsAllOrNothing() {
        ok(stub, USER, DB, "CREATE TABLE ledger(id INTEGER PRIMARY KEY)");
        ExecuteBatchResponse failed = stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setTransaction(true)
                .addStatements("INSERT INTO ledger VALUES (1)")
                .addStatements("INSERT INTO ledger VALUES (1)")
                .addStatements("INSERT INTO ledger VALUES (3)").build());
        assertThat(failed.getSuccess()).isFalse();
        assertThat(failed.getResultsList()).extracting(r -> r.getSuccess()).containsExactly(true, false, false);
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM ledger").getRows(0).getValues(0).getIntValue()).isZero();

        ExecuteBatchResponse each = stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .addStatements("INSERT INTO ledger VALUES (1), (2)")
                .addStatements("INSERT INTO ledger VALUES (1)")
                .addStatements("INSERT INTO ledger VALUES (3)").build());
        assertThat(each.getSuccess()).isFalse();
        assertThat(each.getResultsList()).extracting(r -> r.getSuccess()).containsExactly(true, false, true);
        assertThat(each.getResults(0).getAffectedRows()).isEqualTo(2);
        assertThat(each.getResults(1).getError()).startsWith("FAILED_PRECONDITION:");
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM ledger").getRows(0).getValues(0).getIntValue()).isEqualTo(3);

        ExecuteBatchResponse good = stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setTransaction(true).addStatements("DELETE FROM ledger").addStatements("INSERT INTO ledger VALUES (9)").build());
        assertThat(good.getSuccess()).isTrue();
        assertThat(good.getResultsList()).extracting(r -> r.getAffectedRows()).containsExactly(3, 1);
    }

    @Test
    void preparedStatementsRunByIdWithParameters() {
        ok(stub, USER, DB, "CREATE TABLE prices(sku VARCHAR, price DOUBLE)");
        PrepareStatementResponse insert = stub.prepareStatement(PrepareStatementRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setStatement("INSERT INTO prices VALUES (?, ?)").build());
        assertThat(insert.getSuccess()).isTrue();
        assertThat(insert.getParameterTypesList()).containsExactly("VARCHAR", "DOUBLE");
        for (int i = 1; i <= 3; i++) {
            var inserted = stub.executeStatement(ExecuteStatementRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                    .setStatementId(insert.getStatementId())
                    .putParameters("1", Value.newBuilder().setStringValue("sku" + i).build())
                    .putParameters("2", Value.newBuilder().setDoubleValue(i * 1.5).build()).build());
            assertThat(inserted.getAffectedRows()).isEqualTo(1);
        }
        PrepareStatementResponse lookup = stub.prepareStatement(PrepareStatementRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setStatement("SELECT price FROM prices WHERE sku = $sku").build());
        ExecuteQueryResponse price = stub.executeQuery(query(USER, DB, "").setStatementId(lookup.getStatementId())
                .putParameters("sku", Value.newBuilder().setStringValue("sku2").build()).build());
        assertThat(price.getRows(0).getValues(0).getDoubleValue()).isEqualTo(3.0);
        assertThat(stub.executeQuery(query("someone-else", DB, "").setStatementId(lookup.getStatementId()).build())
                .getError()).startsWith("NOT_FOUND:");
        assertThat(stub.executeQuery(query(USER, DB, "").setStatementId("no-such-statement").build()).getError())
                .startsWith("NOT_FOUND:");
    }

    @Test
    void manyCallsAtOnceOnOneDatabaseAndOnSeveral() throws Exception {
        ok(stub, USER, DB, "CREATE TABLE hits(worker INTEGER, n INTEGER)");
        createDatabase(stub, USER, "side");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int worker = w;
                work.add(() -> {
                    for (int n = 0; n < 25; n++) {
                        ok(stub, USER, DB, "INSERT INTO hits VALUES (" + worker + ", " + n + ")");
                        select(stub, USER, worker % 2 == 0 ? DB : "side", "SELECT count(*) FROM range(1000)");
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(work)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM hits").getRows(0).getValues(0).getIntValue()).isEqualTo(200);
    }
}
