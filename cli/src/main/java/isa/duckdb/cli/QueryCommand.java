package isa.duckdb.cli;

import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.QueryResultChunk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code query "SQL"}: runs SQL on {@code --database} through ExecuteQueryStream and prints the rows as they
 * arrive (only the table format holds its first rows, to align them), so results of any size fit. SQL that
 * does not start with a word that returns rows ({@link #ROW_WORDS}) runs with ExecuteStatement instead and
 * prints the rows it affected.
 */
@Command(name = "query", description = "Run SQL on --database and print the result as it streams in.")
final class QueryCommand extends ServiceCall {
    static final Set<String> ROW_WORDS = Set.of("SELECT", "WITH", "FROM", "VALUES", "TABLE", "SHOW", "DESCRIBE",
            "EXPLAIN", "SUMMARIZE", "PRAGMA", "CALL", "(");
    @Parameters(paramLabel = "SQL", description = "The SQL (statements that return no rows print how many they affected)")
    String sql;

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = "table (aligned), csv (RFC 4180 with a header) or json (one object per line). "
                    + "Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A parameter for $NAME (or ?/$1 with NAME 1, 2, …); numbers, true/false and null are "
                    + "typed, NAME:text=VALUE keeps text")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "0", description = "Stop after N rows (0: all)")
    int maxRows;

    @Override
    int run(Connection connection) {
        if (!returnsRows(sql)) {
            ExecuteStatementResponse response = connection.blocking().executeStatement(ExecuteStatementRequest
                    .newBuilder().setUserId(cli.user()).setDatabaseId(cli.database("query")).setStatement(sql)
                    .putAllParameters(QueryParameters.parse(parameters)).build());
            check(response.getSuccess(), response.getError());
            out().println(response.getMessage());
            return ExitCodes.OK;
        }
        ResultPrinter printer = ResultPrinter.of(format, out());
        Iterator<QueryResultChunk> chunks = connection.blocking().executeQueryStream(ExecuteQueryRequest.newBuilder()
                .setUserId(cli.user()).setDatabaseId(cli.database("query")).setQuery(sql)
                .putAllParameters(QueryParameters.parse(parameters)).setMaxRows(maxRows).build());
        long rows = 0;
        boolean first = true;
        while (chunks.hasNext()) {
            QueryResultChunk chunk = chunks.next();
            check(chunk.getSuccess(), chunk.getError());
            if (first) {
                printer.columns(chunk.getColumnsList());
                first = false;
            }
            chunk.getRowsList().forEach(printer::row);
            rows += chunk.getRowsCount();
        }
        printer.end(rows);
        return ExitCodes.OK;
    }

    /** Whether the SQL's first word (after blanks and {@code --} comments) is one that returns rows. */
    static boolean returnsRows(String sql) {
        String text = sql.stripLeading();
        while (text.startsWith("--")) {
            int end = text.indexOf('\n');
            text = end < 0 ? "" : text.substring(end + 1).stripLeading();
        }
        if (text.startsWith("(")) {
            return true;
        }
        String word = text.split("[^A-Za-z_]", 2)[0].toUpperCase(Locale.ROOT);
        return ROW_WORDS.contains(word);
    }
}
