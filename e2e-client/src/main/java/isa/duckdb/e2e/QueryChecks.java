package isa.duckdb.e2e;

import static isa.duckdb.e2e.CheckContext.USER;
import static isa.duckdb.e2e.Expect.equal;
import static isa.duckdb.e2e.Expect.succeeded;
import static isa.duckdb.e2e.Expect.that;

import com.google.protobuf.Timestamp;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteBatchResponse;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Row;
import isa.duckdb.api.Value;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Running SQL on the run's {@code orders} table: ExecuteStatement with literal and bound values,
 * ExecuteQuery with the value encoding of each column type, ExecuteQueryStream of a result large
 * enough to need several chunks, and ExecuteBatch with and without a transaction.
 */
final class QueryChecks {
    private static final int STREAMED_ROWS = 300_000;
    /** Deadline of the whole stream, in seconds. */
    private static final long STREAM_SECONDS = 300;
    private static final Instant FIRST_ORDER_AT = Instant.parse("2024-01-15T09:30:00Z");

    private final CheckContext context;

    QueryChecks(CheckContext context) {
        this.context = context;
    }

    void insert() {
        var literal = context.statement("INSERT INTO orders VALUES "
                + "(1, 'alice', 12.50, TIMESTAMP '2024-01-15 09:30:00'), "
                + "(2, 'bob', 99.99, TIMESTAMP '2024-02-01 14:00:00'), "
                + "(3, 'carol', 5.00, NULL)", Map.of());
        equal(3, literal.getAffectedRows(), "affected_rows of a three-row INSERT");
        var bound = context.statement("INSERT INTO orders VALUES (?, ?, ?, ?)", Map.of(
                "1", Value.newBuilder().setIntValue(4).build(),
                "2", Value.newBuilder().setStringValue("dave").build(),
                "3", Value.newBuilder().setStringValue("20.00").build(),
                "4", Value.newBuilder().setTimestampValue(timestamp(FIRST_ORDER_AT)).build()));
        equal(1, bound.getAffectedRows(), "affected_rows of a parameterized INSERT");
    }

    void select() {
        var result = context.query("SELECT id, customer, amount, ordered_at FROM orders WHERE id >= $min ORDER BY id",
                Map.of("min", Value.newBuilder().setIntValue(2).build()));
        equal(List.of("id", "customer", "amount", "ordered_at"), result.getColumnsList(), "columns");
        equal(List.of("INTEGER", "VARCHAR", "DECIMAL(10,2)", "TIMESTAMP"), result.getColumnTypesList(),
                "column_types");
        equal(3, result.getRowCount(), "row_count");
        Row bob = result.getRows(0);
        equal(2L, bob.getValues(0).getIntValue(), "id as int_value");
        equal("bob", bob.getValues(1).getStringValue(), "customer as string_value");
        equal("99.99", bob.getValues(2).getStringValue(), "DECIMAL as exact digits in string_value");
        equal(Instant.parse("2024-02-01T14:00:00Z").getEpochSecond(),
                bob.getValues(3).getTimestampValue().getSeconds(), "TIMESTAMP as timestamp_value");
        equal(Value.ValueCase.NULL_VALUE, result.getRows(1).getValues(3).getValueCase(), "NULL as null_value");
        equal(FIRST_ORDER_AT.getEpochSecond(), result.getRows(2).getValues(3).getTimestampValue().getSeconds(),
                "a bound timestamp parameter read back");
    }

    void stream() {
        Iterator<QueryResultChunk> chunks = context.stub(STREAM_SECONDS)
                .executeQueryStream(ExecuteQueryRequest.newBuilder().setUserId(USER).setDatabaseId(context.database())
                        .setQuery("SELECT range AS id, 'row-' || range AS label FROM range(" + STREAMED_ROWS + ")")
                        .build());
        long rows = 0;
        long idSum = 0;
        int received = 0;
        boolean sawLast = false;
        while (chunks.hasNext()) {
            QueryResultChunk chunk = chunks.next();
            that(!sawLast, "a chunk arrived after the one marked is_last");
            succeeded(chunk.getSuccess(), chunk.getError(), "ExecuteQueryStream chunk " + received);
            if (received == 0) {
                equal(List.of("id", "label"), chunk.getColumnsList(), "columns of the first chunk");
                equal(List.of("BIGINT", "VARCHAR"), chunk.getColumnTypesList(), "column_types of the first chunk");
            }
            for (Row row : chunk.getRowsList()) {
                idSum += row.getValues(0).getIntValue();
            }
            rows += chunk.getRowsCount();
            sawLast = chunk.getIsLast();
            received++;
        }
        that(sawLast, "the stream ended without a chunk marked is_last");
        equal((long) STREAMED_ROWS, rows, "rows streamed");
        equal((long) STREAMED_ROWS * (STREAMED_ROWS - 1) / 2, idSum, "sum of streamed ids");
        that(received > 1, "a result of several MiB came as " + received + " chunk(s)");
    }

    void batch() {
        ExecuteBatchResponse committed = batch(true,
                "INSERT INTO orders (id, customer, amount) VALUES (10, 'erin', 1.00)",
                "INSERT INTO orders (id, customer, amount) VALUES (11, 'frank', 2.00)",
                "UPDATE orders SET amount = amount + 1 WHERE id >= 10");
        succeeded(committed.getSuccess(), committed.getError(), "ExecuteBatch (transaction)");
        equal(List.of(1, 1, 2), committed.getResultsList().stream().map(r -> r.getAffectedRows()).toList(),
                "affected_rows per statement");

        ExecuteBatchResponse rolledBack = batch(true,
                "INSERT INTO orders (id, customer) VALUES (12, 'grace')",
                "INSERT INTO orders (id, customer) VALUES (1, 'duplicate id')");
        that(!rolledBack.getSuccess(), "a transaction with a duplicate primary key succeeded");
        equal(0L, count("id = 12"), "rows of a rolled-back transaction");

        ExecuteBatchResponse independent = batch(false,
                "INSERT INTO orders (id, customer) VALUES (13, 'heidi')",
                "INSERT INTO no_such_table VALUES (1)",
                "INSERT INTO orders (id, customer) VALUES (14, 'ivan')");
        that(!independent.getSuccess(), "a batch with a failing statement reported success");
        equal(List.of(true, false, true),
                independent.getResultsList().stream().map(r -> r.getSuccess()).toList(),
                "success per statement without a transaction");
        equal(2L, count("id IN (13, 14)"), "rows written by the statements that succeeded");
    }

    private long count(String where) {
        return context.query("SELECT count(*) FROM orders WHERE " + where, Map.of())
                .getRows(0).getValues(0).getIntValue();
    }

    private ExecuteBatchResponse batch(boolean transaction, String... statements) {
        return context.stub().executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER)
                .setDatabaseId(context.database()).setTransaction(transaction)
                .addAllStatements(List.of(statements)).build());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
