package isa.duckdb.cli;

import isa.duckdb.api.ListRunningQueriesRequest;
import isa.duckdb.api.ListRunningQueriesResponse;
import isa.duckdb.api.RunningQueryInfo;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code queries}: the queries running on the service (ListRunningQueries), SQL shortened to one line. */
@Command(name = "queries", description = "List the queries running on the service (call ids for 'cancel').")
final class QueriesCommand extends ServiceCall {
    private static final int SQL_CHARS = 60;

    @Override
    int run(Connection connection) {
        ListRunningQueriesResponse response = connection.blocking().listRunningQueries(
                ListRunningQueriesRequest.newBuilder().setUserId(cli.user()).build());
        check(response.getSuccess(), response.getError());
        TextTable table = new TextTable(List.of("call_id", "user", "database", "rpc", "elapsed_ms", "rows", "sql"));
        for (RunningQueryInfo query : response.getQueriesList()) {
            String sql = query.getSql().replaceAll("\\s+", " ").trim();
            table.add(List.of(query.getCallId(), query.getUserId(), query.getDatabaseId(), query.getRpc(),
                    String.valueOf(query.getElapsedMs()), String.valueOf(query.getRowsProduced()),
                    sql.length() > SQL_CHARS ? sql.substring(0, SQL_CHARS - 1) + "…" : sql));
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
