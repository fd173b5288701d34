package isa.duckdb.e2e;

import static isa.duckdb.e2e.CheckContext.TABLE;
import static isa.duckdb.e2e.CheckContext.USER;
import static isa.duckdb.e2e.Expect.equal;
import static isa.duckdb.e2e.Expect.succeeded;
import static isa.duckdb.e2e.Expect.that;

import isa.duckdb.api.ColumnInfo;
import isa.duckdb.api.CreateTableRequest;
import isa.duckdb.api.GetTableSchemaRequest;
import isa.duckdb.api.ListTablesRequest;
import java.util.List;
import java.util.Map;

/**
 * The table RPCs on the run's {@code orders} table (id INTEGER primary key, customer VARCHAR NOT NULL,
 * amount DECIMAL(10,2), ordered_at TIMESTAMP): CreateTable, ListTables, GetTableSchema.
 */
final class TableChecks {
    private final CheckContext context;

    TableChecks(CheckContext context) {
        this.context = context;
    }

    void createTable() {
        CreateTableRequest request = CreateTableRequest.newBuilder()
                .setUserId(USER).setDatabaseId(context.database()).setTableName(TABLE)
                .addColumns(column("id", "INTEGER", false))
                .addColumns(column("customer", "VARCHAR", false))
                .addColumns(column("amount", "DECIMAL(10,2)", true))
                .addColumns(column("ordered_at", "TIMESTAMP", true))
                .addPrimaryKeys("id")
                .build();
        var created = context.stub().createTable(request);
        succeeded(created.getSuccess(), created.getError(), "CreateTable");
        var count = context.query("SELECT count(*) FROM orders", Map.of());
        equal(0L, count.getRows(0).getValues(0).getIntValue(), "rows in the new table");
    }

    void listTables() {
        var tables = context.stub().listTables(ListTablesRequest.newBuilder()
                .setUserId(USER).setDatabaseId(context.database()).build());
        succeeded(tables.getSuccess(), tables.getError(), "ListTables");
        that(tables.getTablesList().stream().anyMatch(t -> t.getTableName().equals(TABLE)),
                "ListTables does not show '" + TABLE + "'");
    }

    void getTableSchema() {
        var schema = context.stub().getTableSchema(GetTableSchemaRequest.newBuilder()
                .setUserId(USER).setDatabaseId(context.database()).setTableName(TABLE).build());
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

    private static ColumnInfo column(String name, String type, boolean nullable) {
        return ColumnInfo.newBuilder().setName(name).setDataType(type).setNullable(nullable).build();
    }
}
