package isa.duckdb.e2e;

import static isa.duckdb.e2e.Expect.equal;
import static isa.duckdb.e2e.Expect.failedWith;
import static isa.duckdb.e2e.Expect.succeeded;
import static isa.duckdb.e2e.Expect.that;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.ColumnInfo;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateTableRequest;
import isa.duckdb.api.DatabaseInfo;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteBatchResponse;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.GetTableSchemaRequest;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.ImportFromMinIOResponse;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListTablesRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Row;
import isa.duckdb.api.Value;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end checks, in the seed's order (export before import, because import reads the
 * file export writes), plus streaming, batches, the sandbox and tenant isolation.
 */
final class ServiceChecks {
    static final String USER = "e2e_test_user";
    static final String OTHER_USER = "e2e_other_user";
    private static final String TABLE = "orders";
    private static final String DATA_BUCKET = "duckdb-data";
    /** One fixed key, overwritten by each run with the same four rows, so runs leave one file. */
    private static final String EXPORT_KEY = "e2e-client/orders.csv";
    private static final int STREAMED_ROWS = 300_000;
    private static final long CALL_SECONDS = 60;
    private static final long STREAM_SECONDS = 300;
    private static final Instant FIRST_ORDER_AT = Instant.parse("2024-01-15T09:30:00Z");
    private static final List<String> ESCAPES = List.of(
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_text('/etc/hostname')",
            "SELECT * FROM glob('/*')",
            "ATTACH '/tmp/e2e-escape.duckdb' AS escape",
            "COPY (SELECT 1) TO '/tmp/e2e-escape.csv'",
            "INSTALL httpfs",
            "SET enable_external_access = true");

    private final DuckDBServiceBlockingStub service;
    private final String database;
    private final List<String> toDelete = new ArrayList<>();
    private int exportedRows = -1;

    ServiceChecks(DuckDBServiceBlockingStub service, String runId) {
        this.service = service;
        this.database = "e2e_" + runId;
    }

    String database() {
        return database;
    }

    void runAll(CheckRunner runner) {
        runner.run("Health Check", this::healthCheck);
        runner.run("Create Database", this::createDatabase);
        runner.run("List Databases", this::listDatabases);
        runner.run("Get Database Info", this::getDatabaseInfo);
        runner.run("Create Table", this::createTable);
        runner.run("Execute Statement (INSERT)", this::insert);
        runner.run("Execute Query (SELECT)", this::select);
        runner.run("List Tables", this::listTables);
        runner.run("Get Table Schema", this::getTableSchema);
        runner.run("Export Data to MinIO", this::exportToMinio);
        runner.run("Import Data from MinIO", this::importFromMinio);
        runner.run("Execute Query Stream", this::stream);
        runner.run("Execute Batch", this::batch);
        runner.run("Sandbox", this::sandbox);
        runner.run("Tenant Isolation", this::tenantIsolation);
        runner.run("Delete Database", this::deleteDatabase);
    }

    void healthCheck() {
        var health = stub().healthCheck(HealthCheckRequest.newBuilder().setDetailed(true).build());
        succeeded(health.getSuccess(), health.getError(), "HealthCheck");
        that(health.getHealthy(), "HealthCheck says not healthy: " + health.getStatus());
    }

    void createDatabase() {
        var created = stub().createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId(USER).setDatabaseName(database).putMetadata("purpose", "e2e").build());
        succeeded(created.getSuccess(), created.getError(), "CreateDatabase");
        toDelete.add(database);
        DatabaseInfo info = created.getDatabaseInfo();
        equal(database, info.getDatabaseName(), "database_name");
        that(!info.getDatabaseId().isEmpty(), "CreateDatabase returned no database_id");
        var again = stub().createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId(USER).setDatabaseName(database).build());
        failedWith("ALREADY_EXISTS", again.getSuccess(), again.getError(), "a second CreateDatabase");
    }

    void listDatabases() {
        var listed = stub().listDatabases(ListDatabasesRequest.newBuilder()
                .setUserId(USER).setNameFilter(database).build());
        succeeded(listed.getSuccess(), listed.getError(), "ListDatabases");
        that(listed.getDatabasesList().stream().anyMatch(d -> d.getDatabaseName().equals(database)),
                "ListDatabases does not show " + database);
    }

    void getDatabaseInfo() {
        var byName = stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).build());
        succeeded(byName.getSuccess(), byName.getError(), "GetDatabaseInfo by name");
        String id = byName.getDatabaseInfo().getDatabaseId();
        var byId = stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(USER).setDatabaseId(id).build());
        succeeded(byId.getSuccess(), byId.getError(), "GetDatabaseInfo by id");
        equal(database, byId.getDatabaseInfo().getDatabaseName(), "name found by id");
        equal("e2e", byId.getDatabaseInfo().getMetadataMap().get("purpose"), "metadata 'purpose'");
    }

    void createTable() {
        CreateTableRequest request = CreateTableRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setTableName(TABLE)
                .addColumns(column("id", "INTEGER", false))
                .addColumns(column("customer", "VARCHAR", false))
                .addColumns(column("amount", "DECIMAL(10,2)", true))
                .addColumns(column("ordered_at", "TIMESTAMP", true))
                .addPrimaryKeys("id")
                .build();
        var created = stub().createTable(request);
        succeeded(created.getSuccess(), created.getError(), "CreateTable");
        var count = query("SELECT count(*) FROM orders", Map.of());
        equal(0L, count.getRows(0).getValues(0).getIntValue(), "rows in the new table");
    }

    void insert() {
        var literal = statement("INSERT INTO orders VALUES "
                + "(1, 'alice', 12.50, TIMESTAMP '2024-01-15 09:30:00'), "
                + "(2, 'bob', 99.99, TIMESTAMP '2024-02-01 14:00:00'), "
                + "(3, 'carol', 5.00, NULL)", Map.of());
        equal(3, literal.getAffectedRows(), "affected_rows of a three-row INSERT");
        var bound = statement("INSERT INTO orders VALUES (?, ?, ?, ?)", Map.of(
                "1", Value.newBuilder().setIntValue(4).build(),
                "2", Value.newBuilder().setStringValue("dave").build(),
                "3", Value.newBuilder().setStringValue("20.00").build(),
                "4", Value.newBuilder().setTimestampValue(timestamp(FIRST_ORDER_AT)).build()));
        equal(1, bound.getAffectedRows(), "affected_rows of a parameterized INSERT");
    }

    void select() {
        var result = query("SELECT id, customer, amount, ordered_at FROM orders WHERE id >= $min ORDER BY id",
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

    void listTables() {
        var tables = stub().listTables(ListTablesRequest.newBuilder().setUserId(USER).setDatabaseId(database).build());
        succeeded(tables.getSuccess(), tables.getError(), "ListTables");
        that(tables.getTablesList().stream().anyMatch(t -> t.getTableName().equals(TABLE)),
                "ListTables does not show '" + TABLE + "'");
    }

    void getTableSchema() {
        var schema = stub().getTableSchema(GetTableSchemaRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setTableName(TABLE).build());
        succeeded(schema.getSuccess(), schema.getError(), "GetTableSchema");
        List<ColumnInfo> columns = schema.getTableInfo().getColumnsList();
        equal(List.of("id", "customer", "amount", "ordered_at"),
                columns.stream().map(ColumnInfo::getName).toList(), "column names");
        equal(List.of("INTEGER", "VARCHAR", "DECIMAL(10,2)", "TIMESTAMP"),
                columns.stream().map(ColumnInfo::getDataType).toList(), "column types");
        that(columns.get(0).getIsPrimaryKey(), "id is not reported as the primary key");
        that(!columns.get(1).getNullable(), "customer (NOT NULL) is reported nullable");
        that(columns.get(2).getNullable(), "amount is reported NOT NULL");
    }

    void exportToMinio() {
        var exported = stub().exportToMinIO(ExportToMinIORequest.newBuilder()
                .setUserId(USER).setDatabaseId(database)
                .setQuery("SELECT id, customer, amount FROM orders WHERE id <= 4 ORDER BY id")
                .setBucketName(DATA_BUCKET).setObjectKey(EXPORT_KEY).setFormat("csv").setOverwrite(true).build());
        succeeded(exported.getSuccess(), exported.getError(), "ExportToMinIO");
        equal(4, exported.getRowsExported(), "rows_exported");
        that(exported.getFileSize() > 0, "ExportToMinIO reports file_size " + exported.getFileSize());
        exportedRows = exported.getRowsExported();
    }

    void importFromMinio() {
        ImportFromMinIOResponse imported = stub().importFromMinIO(ImportFromMinIORequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setTableName("orders_copy")
                .setBucketName(DATA_BUCKET).setObjectKey(EXPORT_KEY).setFormat("csv").setCreateTable(true).build());
        if (exportedRows < 0) {
            throw new CheckSkipped("needs the file 'Export Data to MinIO' writes, and that check did not pass");
        }
        succeeded(imported.getSuccess(), imported.getError(), "ImportFromMinIO");
        equal(exportedRows, imported.getRowsImported(), "rows_imported");
        var copy = query("SELECT count(*), sum(id) FROM orders_copy", Map.of());
        equal(4L, copy.getRows(0).getValues(0).getIntValue(), "rows in orders_copy");
    }

    void stream() {
        Iterator<QueryResultChunk> chunks = service.withDeadlineAfter(STREAM_SECONDS, TimeUnit.SECONDS)
                .executeQueryStream(ExecuteQueryRequest.newBuilder().setUserId(USER).setDatabaseId(database)
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

    void sandbox() {
        for (String escape : ESCAPES) {
            var response = stub().executeQuery(ExecuteQueryRequest.newBuilder()
                    .setUserId(USER).setDatabaseId(database).setQuery(escape).build());
            that(!response.getSuccess(), "the sandbox let this run: " + escape);
            that(response.getError().matches("(?s)^[A-Z_]+: .+"),
                    "no code word in the error for " + escape + ": " + response.getError());
            that(!response.getError().contains("root:x:"), "the error leaks /etc/passwd");
            that(response.getRowsCount() == 0, "rows came back for " + escape);
        }
        equal(1L, query("SELECT 1", Map.of()).getRows(0).getValues(0).getIntValue(),
                "a normal query after the refused ones");
    }

    void tenantIsolation() {
        var info = stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(OTHER_USER).setDatabaseId(database).build());
        failedWith("NOT_FOUND", info.getSuccess(), info.getError(), "GetDatabaseInfo by another tenant");
        var read = stub().executeQuery(ExecuteQueryRequest.newBuilder()
                .setUserId(OTHER_USER).setDatabaseId(database).setQuery("SELECT * FROM orders").build());
        failedWith("NOT_FOUND", read.getSuccess(), read.getError(), "ExecuteQuery by another tenant");
        var listed = stub().listDatabases(ListDatabasesRequest.newBuilder()
                .setUserId(OTHER_USER).setNameFilter(database).build());
        succeeded(listed.getSuccess(), listed.getError(), "ListDatabases by another tenant");
        equal(0, listed.getDatabasesCount(), "databases another tenant sees");
        try {
            stub().executeQuery(ExecuteQueryRequest.newBuilder().setDatabaseId(database).setQuery("SELECT 1").build());
            throw new CheckFailed("a call without user_id was answered");
        } catch (StatusRuntimeException e) {
            equal(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), "status of a call without user_id");
        }
    }

    void deleteDatabase() {
        var deleted = stub().deleteDatabase(DeleteDatabaseRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setDeleteFromMinio(true).build());
        succeeded(deleted.getSuccess(), deleted.getError(), "DeleteDatabase");
        toDelete.remove(database);
        var info = stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).build());
        failedWith("NOT_FOUND", info.getSuccess(), info.getError(), "GetDatabaseInfo after delete");
    }

    /** Deletes whatever this run created and did not delete yet; reports what it could not. */
    void cleanUp(PrintStream err) {
        for (String name : List.copyOf(toDelete)) {
            try {
                var deleted = stub().deleteDatabase(DeleteDatabaseRequest.newBuilder()
                        .setUserId(USER).setDatabaseId(name).setDeleteFromMinio(true).setForce(true).build());
                if (deleted.getSuccess()) {
                    toDelete.remove(name);
                } else {
                    err.println("cleanup: could not delete " + name + ": " + deleted.getError());
                }
            } catch (StatusRuntimeException e) {
                err.println("cleanup: could not delete " + name + ": " + e.getStatus());
            }
        }
    }

    private DuckDBServiceBlockingStub stub() {
        return service.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS);
    }

    private ExecuteStatementResponse statement(String sql, Map<String, Value> parameters) {
        var response = stub().executeStatement(ExecuteStatementRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setStatement(sql).putAllParameters(parameters).build());
        succeeded(response.getSuccess(), response.getError(), "ExecuteStatement");
        return response;
    }

    private ExecuteQueryResponse query(String sql, Map<String, Value> parameters) {
        var response = stub().executeQuery(ExecuteQueryRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setQuery(sql).putAllParameters(parameters).build());
        succeeded(response.getSuccess(), response.getError(), "ExecuteQuery");
        return response;
    }

    private long count(String where) {
        return query("SELECT count(*) FROM orders WHERE " + where, Map.of()).getRows(0).getValues(0).getIntValue();
    }

    private ExecuteBatchResponse batch(boolean transaction, String... statements) {
        return stub().executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER).setDatabaseId(database)
                .setTransaction(transaction).addAllStatements(List.of(statements)).build());
    }

    private static ColumnInfo column(String name, String type, boolean nullable) {
        return ColumnInfo.newBuilder().setName(name).setDataType(type).setNullable(nullable).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
