package isa.duckdb.cli;

import isa.duckdb.api.ListTablesRequest;
import isa.duckdb.api.ListTablesResponse;
import isa.duckdb.api.TableInfo;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tables}: the database's tables (ListTables). */
@Command(name = "tables", description = "List the tables of --database.")
final class TablesCommand extends ServiceCall {

    @Override
    int run(Connection connection) {
        ListTablesResponse response = connection.blocking().listTables(ListTablesRequest.newBuilder()
                .setUserId(cli.user()).setDatabaseId(cli.database("tables")).build());
        check(response.getSuccess(), response.getError());
        TextTable table = new TextTable(List.of("schema", "table", "columns", "rows", "size_bytes"));
        for (TableInfo info : response.getTablesList()) {
            table.add(List.of(info.getSchemaName(), info.getTableName(), String.valueOf(info.getColumnsCount()),
                    String.valueOf(info.getRowCount()), String.valueOf(info.getSizeBytes())));
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
