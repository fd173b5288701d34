package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.ColumnInfo;
import isa.duckdb.api.ColumnStats;
import isa.duckdb.api.CreateTableRequest;
import isa.duckdb.api.CreateTableResponse;
import isa.duckdb.api.DropTableRequest;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.GetTableSchemaRequest;
import isa.duckdb.api.GetTableSchemaResponse;
import isa.duckdb.api.GetTableStatsRequest;
import isa.duckdb.api.GetTableStatsResponse;
import isa.duckdb.api.ListTablesRequest;
import isa.duckdb.api.ListTablesResponse;
import isa.duckdb.api.TableInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "tess";
    private static final String DB = "warehouse";

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, DB);
        ok(stub, USER, DB, "CREATE TABLE keep(x INTEGER)");
        ok(stub, USER, DB, "INSERT INTO keep VALUES (1)");
    }

    private static ColumnInfo.Builder column(String name, String type) {
        return ColumnInfo.newBuilder().setName(name).setDataType(type).setNullable(true);
    }

    private static CreateTableRequest.Builder create(String table) {
        return CreateTableRequest.newBuilder().setUserId(USER).setDatabaseId(DB).setTableName(table);
    }

    private static GetTableSchemaResponse schema(String table) {
        return stub.getTableSchema(GetTableSchemaRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setTableName(table).build());
    }

    private static void keepIsIntact() {
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM keep").getRows(0).getValues(0).getIntValue()).isEqualTo(1);
    }

    @Test
    void aTableWithConstraintsAndCommentsReadsBackExactlyFromTheCatalog() {
        CreateTableResponse created = stub.createTable(create("customers")
                .addColumns(column("id", "BIGINT").setNullable(false).setIsPrimaryKey(true).setComment("customer key"))
                .addColumns(column("email", "VARCHAR").setNullable(false).setIsUnique(true))
                .addColumns(column("tier", "VARCHAR").setDefaultValue("'basic'").setComment("pricing 'tier'"))
                .addColumns(column("balance", "DECIMAL(12,2)").setDefaultValue("0"))
                .addColumns(column("tags", "VARCHAR[]"))
                .setComment("people who buy")
                .build());
        assertThat(created.getError()).isEmpty();
        assertThat(created.getSuccess()).isTrue();
        assertThat(created.getTableInfo().getColumnsList()).extracting(ColumnInfo::getName)
                .containsExactly("id", "email", "tier", "balance", "tags");

        TableInfo table = schema("customers").getTableInfo();

        assertThat(table.getTableName()).isEqualTo("customers");
        assertThat(table.getSchemaName()).isEqualTo("main");
        assertThat(table.getTableType()).isEqualTo("BASE TABLE");
        assertThat(table.getComment()).isEqualTo("people who buy");
        Map<String, ColumnInfo> columns = table.getColumnsList().stream()
                .collect(Collectors.toMap(ColumnInfo::getName, Function.identity()));
        assertThat(columns.get("id")).isEqualTo(ColumnInfo.newBuilder().setName("id").setDataType("BIGINT")
                .setNullable(false).setIsPrimaryKey(true).setIsUnique(true).setComment("customer key").build());
        assertThat(columns.get("email")).isEqualTo(ColumnInfo.newBuilder().setName("email").setDataType("VARCHAR")
                .setNullable(false).setIsUnique(true).build());
        assertThat(columns.get("tier")).isEqualTo(ColumnInfo.newBuilder().setName("tier").setDataType("VARCHAR")
                .setNullable(true).setDefaultValue("'basic'").setComment("pricing 'tier'").build());
        assertThat(columns.get("balance").getDataType()).isEqualTo("DECIMAL(12,2)");
        assertThat(columns.get("balance").getDefaultValue()).isEqualTo("0");
        assertThat(columns.get("tags").getDataType()).isEqualTo("VARCHAR[]");

        ok(stub, USER, DB, "INSERT INTO customers (id, email) VALUES (1, 'a@x')");
        assertThat(select(stub, USER, DB, "SELECT tier, balance FROM customers").getRows(0).getValues(0).getStringValue())
                .isEqualTo("basic");
        assertThat(Requests.statement(stub, USER, DB, "INSERT INTO customers (id, email) VALUES (2, 'a@x')").getError())
                .startsWith("FAILED_PRECONDITION:");
    }

    @Test
    void aCompositeKeyFromPrimaryKeysAndAnExistingTable() {
        CreateTableRequest request = create("lines")
                .addColumns(column("order_id", "INTEGER"))
                .addColumns(column("line", "INTEGER"))
                .addColumns(column("sku", "VARCHAR"))
                .addPrimaryKeys("order_id").addPrimaryKeys("line")
                .build();
        assertThat(stub.createTable(request).getSuccess()).isTrue();

        List<ColumnInfo> columns = schema("lines").getTableInfo().getColumnsList();
        assertThat(columns).extracting(ColumnInfo::getIsPrimaryKey).containsExactly(true, true, false);
        assertThat(columns).extracting(ColumnInfo::getIsUnique).containsExactly(false, false, false);
        assertThat(columns).extracting(ColumnInfo::getNullable).containsExactly(false, false, true);

        CreateTableResponse again = stub.createTable(request);
        assertThat(again.getSuccess()).isFalse();
        assertThat(again.getError()).startsWith("ALREADY_EXISTS:");
        CreateTableResponse tolerated = stub.createTable(request.toBuilder().setIfNotExists(true).build());
        assertThat(tolerated.getSuccess()).isTrue();
        assertThat(tolerated.getMessage()).contains("already exists");
        assertThat(tolerated.getTableInfo().getColumnsCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INTEGER); DROP TABLE keep; --", "INTEGER; DROP TABLE keep", "INTEGER NOT NULL",
        "INTEGER) AS x, (SELECT 1", "no_such_type", "INTEGER /* hidden */", ""})
    void aTypeThatIsNotExactlyOneDuckDbTypeIsRefusedAndNothingIsDropped(String type) {
        CreateTableResponse response = stub.createTable(create("injected").addColumns(column("a", type)).build());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("INVALID_ARGUMENT:").contains("column 'a'");
        keepIsIntact();
        assertThat(schema("injected").getError()).startsWith("NOT_FOUND:");
    }

    @Test
    void namesAreQuotedAndDefaultsStayOneExpression() {
        String hostile = "x\"; DROP TABLE keep; --";
        CreateTableResponse named = stub.createTable(create(hostile).addColumns(column("v\"al", "INTEGER")).build());
        assertThat(named.getError()).isEmpty();
        assertThat(named.getTableInfo().getTableName()).isEqualTo(hostile);
        assertThat(named.getTableInfo().getColumns(0).getName()).isEqualTo("v\"al");
        keepIsIntact();

        CreateTableResponse defaulted = stub.createTable(create("defaults")
                .addColumns(column("a", "INTEGER").setDefaultValue("1); DROP TABLE keep; --")).build());
        assertThat(defaulted.getError()).startsWith("INVALID_ARGUMENT:").contains("default_value");
        keepIsIntact();
        assertThat(stub.createTable(create("nameless").addColumns(column("", "INTEGER")).build()).getError())
                .startsWith("INVALID_ARGUMENT:");
        assertThat(stub.createTable(create("empty").build()).getError()).startsWith("INVALID_ARGUMENT:");
        assertThat(stub.createTable(create("badkey").addColumns(column("a", "INTEGER")).addPrimaryKeys("b").build())
                .getError()).startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void listingShowsBaseTablesOnlyWithExactCountsAndFilters() {
        ok(stub, USER, DB, "CREATE SCHEMA IF NOT EXISTS archive");
        ok(stub, USER, DB, "CREATE TABLE archive.events_2020 AS SELECT range AS id FROM range(1234)");
        ok(stub, USER, DB, "CREATE TABLE list_me AS SELECT range AS id FROM range(50000)");
        ok(stub, USER, DB, "COMMENT ON TABLE list_me IS 'listed'");
        ok(stub, USER, DB, "CREATE OR REPLACE VIEW list_me_view AS SELECT * FROM list_me");

        ListTablesResponse all = stub.listTables(ListTablesRequest.newBuilder().setUserId(USER).setDatabaseId(DB).build());
        assertThat(all.getSuccess()).isTrue();
        assertThat(all.getTotalCount()).isEqualTo(all.getTablesCount());
        Map<String, TableInfo> byName = all.getTablesList().stream()
                .collect(Collectors.toMap(t -> t.getSchemaName() + "." + t.getTableName(), Function.identity()));
        assertThat(byName).containsKeys("main.list_me", "main.keep", "archive.events_2020")
                .doesNotContainKey("main.list_me_view");
        TableInfo listed = byName.get("main.list_me");
        assertThat(listed.getRowCount()).isEqualTo(50_000);
        assertThat(listed.getSizeBytes()).isPositive();
        assertThat(listed.getComment()).isEqualTo("listed");
        assertThat(listed.getTableType()).isEqualTo("BASE TABLE");
        assertThat(listed.getColumnsList()).extracting(ColumnInfo::getDataType).containsExactly("BIGINT");
        assertThat(byName.get("archive.events_2020").getRowCount()).isEqualTo(1234);

        ListTablesResponse archived = stub.listTables(ListTablesRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setSchemaName("archive").build());
        assertThat(archived.getTablesList()).extracting(TableInfo::getTableName).containsExactly("events_2020");
        ListTablesResponse filtered = stub.listTables(ListTablesRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setNameFilter("LIST_").build());
        assertThat(filtered.getTablesList()).extracting(TableInfo::getTableName).containsExactly("list_me");
        assertThat(filtered.getTotalCount()).isEqualTo(1);
    }

    @Test
    void statsAreExactWithTypedMinimumAndMaximum() {
        ok(stub, USER, DB, "CREATE TABLE readings(sensor INTEGER, reading DOUBLE, label VARCHAR, seen TIMESTAMP,"
                + " ok BOOLEAN, price DECIMAL(8,2))");
        ok(stub, USER, DB, "INSERT INTO readings VALUES (1, 0.5, 'a', TIMESTAMP '2024-03-01 10:00:00', true, 1.25),"
                + " (2, 7.25, 'b', TIMESTAMP '2024-03-02 10:00:00', false, 3.50),"
                + " (2, NULL, NULL, NULL, NULL, NULL)");

        GetTableStatsResponse response = stub.getTableStats(GetTableStatsRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setTableName("readings").setIncludeColumns(true).build());

        assertThat(response.getError()).isEmpty();
        assertThat(response.getStats().getTableName()).isEqualTo("readings");
        assertThat(response.getStats().getRowCount()).isEqualTo(3);
        assertThat(response.getStats().getSizeBytes()).isPositive();
        Map<String, ColumnStats> columns = response.getStats().getColumnStatsList().stream()
                .collect(Collectors.toMap(ColumnStats::getColumnName, Function.identity()));
        assertThat(columns.get("sensor").getDistinctCount()).isEqualTo(2);
        assertThat(columns.get("sensor").getMinValue().getIntValue()).isEqualTo(1);
        assertThat(columns.get("sensor").getMaxValue().getIntValue()).isEqualTo(2);
        assertThat(columns.get("sensor").getNullCount()).isZero();
        assertThat(columns.get("reading").getMaxValue().getDoubleValue()).isEqualTo(7.25);
        assertThat(columns.get("reading").getNullCount()).isEqualTo(1);
        assertThat(columns.get("label").getMinValue().getStringValue()).isEqualTo("a");
        assertThat(columns.get("seen").getMinValue().getTimestampValue().getSeconds()).isEqualTo(1709287200L);
        assertThat(columns.get("ok").getMaxValue().getBoolValue()).isTrue();
        assertThat(columns.get("price").getMaxValue().getStringValue()).isEqualTo("3.50");

        GetTableStatsResponse withoutColumns = stub.getTableStats(GetTableStatsRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setTableName("readings").build());
        assertThat(withoutColumns.getStats().getColumnStatsCount()).isZero();
        assertThat(withoutColumns.getStats().getRowCount()).isEqualTo(3);
        assertThat(stub.getTableStats(GetTableStatsRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setTableName("nowhere").build()).getError()).startsWith("NOT_FOUND:");
    }

    @Test
    void droppingNeedsTheTableUnlessIfExists() {
        ok(stub, USER, DB, "CREATE TABLE doomed(x INTEGER)");
        DropTableRequest drop = DropTableRequest.newBuilder().setUserId(USER).setDatabaseId(DB).setTableName("doomed")
                .build();

        assertThat(stub.dropTable(drop).getSuccess()).isTrue();
        assertThat(schema("doomed").getError()).startsWith("NOT_FOUND:");
        assertThat(stub.dropTable(drop).getError()).startsWith("NOT_FOUND:");
        var tolerated = stub.dropTable(drop.toBuilder().setIfExists(true).build());
        assertThat(tolerated.getSuccess()).isTrue();
        assertThat(tolerated.getMessage()).contains("does not exist");

        ok(stub, USER, DB, "CREATE TABLE parent(id INTEGER PRIMARY KEY)");
        assertThat(stub.dropTable(drop.toBuilder().setTableName("parent").setCascade(true).build()).getSuccess()).isTrue();
    }

    @Test
    void theLegacyPrefixNamesTheCallersOwnTables() {
        CreateTableResponse created = stub.createTable(create("user_tess_events").addColumns(column("id", "INTEGER"))
                .build());
        assertThat(created.getError()).isEmpty();
        assertThat(created.getTableInfo().getTableName()).isEqualTo("events");

        ok(stub, USER, DB, "INSERT INTO user_tess_events VALUES (1), (2)");
        assertThat(select(stub, USER, DB, "SELECT count(*), 'user_tess_events' FROM \"user_tess_events\"")
                .getRows(0).getValues(1).getStringValue()).isEqualTo("user_tess_events");
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM events").getRows(0).getValues(0).getIntValue()).isEqualTo(2);
        assertThat(schema("user_tess_events").getTableInfo().getTableName()).isEqualTo("events");
        assertThat(stub.getTableStats(GetTableStatsRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setTableName("user_tess_events").build()).getStats().getRowCount()).isEqualTo(2);
        assertThat(Requests.statement(stub, USER, DB, "SELECT * FROM user_other_events").getError())
                .startsWith("NOT_FOUND:");

        var batch = stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .addStatements("INSERT INTO user_tess_events VALUES (3)").build());
        assertThat(batch.getSuccess()).isTrue();
        var prepared = stub.prepareStatement(PrepareStatementRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setStatement("SELECT count(*) FROM user_tess_events WHERE id > ?").build());
        assertThat(prepared.getError()).isEmpty();
        assertThat(stub.executeQuery(Requests.query(USER, DB, "").setStatementId(prepared.getStatementId())
                .putParameters("1", isa.duckdb.api.Value.newBuilder().setIntValue(1).build()).build())
                .getRows(0).getValues(0).getIntValue()).isEqualTo(2);
        var chunks = stub.executeQueryStream(Requests.query(USER, DB, "SELECT id FROM user_tess_events").build());
        int streamed = 0;
        while (chunks.hasNext()) {
            var chunk = chunks.next();
            assertThat(chunk.getError()).isEmpty();
            streamed += chunk.getRowsCount();
        }
        assertThat(streamed).isEqualTo(3);
    }

    @Test
    void aCallWithoutUserIdIsRefusedAsBefore() {
        assertThatThrownBy(() -> stub.listTables(ListTablesRequest.newBuilder().setDatabaseId(DB).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(stub.listTables(ListTablesRequest.newBuilder().setUserId(USER).setDatabaseId("nope").build())
                .getError()).startsWith("NOT_FOUND:");
    }
}
