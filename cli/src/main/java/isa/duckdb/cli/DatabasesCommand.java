package isa.duckdb.cli;

import isa.duckdb.api.DatabaseInfo;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListDatabasesResponse;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code databases}: the user's databases (ListDatabases, all pages). */
@Command(name = "databases", description = "List your databases.")
final class DatabasesCommand extends ServiceCall {
    private static final int PAGE_SIZE = 1000;

    @Override
    int run(Connection connection) {
        TextTable table = new TextTable(List.of("name", "id", "tables", "size_bytes", "created_at"));
        for (int page = 1; ; page++) {
            ListDatabasesResponse response = connection.blocking().listDatabases(ListDatabasesRequest.newBuilder()
                    .setUserId(cli.user()).setPage(page).setPageSize(PAGE_SIZE).build());
            check(response.getSuccess(), response.getError());
            for (DatabaseInfo database : response.getDatabasesList()) {
                table.add(List.of(database.getDatabaseName(), database.getDatabaseId(),
                        String.valueOf(database.getTableCount()), String.valueOf(database.getSizeBytes()),
                        database.hasCreatedAt() ? Instant.ofEpochSecond(database.getCreatedAt().getSeconds()).toString()
                                : ""));
            }
            if (response.getDatabasesCount() < PAGE_SIZE) {
                break;
            }
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
