package isa.duckdb.cli;

import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.QueryResultChunk;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--format", paramLabel = "table|csv|json|arrow", defaultValue = "table",
            description = "table (aligned), csv (RFC 4180 with a header), json (one object per line) or arrow (the "
                    + "Arrow IPC stream of ExecuteQueryArrow, binary). Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the result to FILE instead of standard output")
    Path output;

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
        if ("arrow".equals(format)) {
            return arrow(connection);
        }
        if (output != null) {
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(output))) {
                return print(connection, ResultPrinter.of(format, file));
            } catch (IOException e) {
                throw new CliFailure("FILE", "cannot write " + output + ": " + e.getMessage());
            }
        }
        return print(connection, ResultPrinter.of(format, out()));
    }

    private ExecuteQueryRequest request() {
        return ExecuteQueryRequest.newBuilder().setUserId(cli.user()).setDatabaseId(cli.database("query")).setQuery(sql)
                .putAllParameters(QueryParameters.parse(parameters)).setMaxRows(maxRows).build();
    }

    /**
     * Copies the chunks' {@code arrow_ipc} bytes, in order, to the output: together they are one Arrow IPC stream
     * (schema, record batches, end-of-stream), readable by any Arrow IPC stream reader. The row count goes to
     * standard error.
     */
    private int arrow(Connection connection) {
        Iterator<ArrowResultChunk> chunks = connection.blocking().executeQueryArrow(request());
        long rows = 0;
        try (OutputStream sink = output != null ? Files.newOutputStream(output) : new FileOutputStream(FileDescriptor.out)) {
            while (chunks.hasNext()) {
                ArrowResultChunk chunk = chunks.next();
                check(chunk.getSuccess(), chunk.getError());
                chunk.getArrowIpc().writeTo(sink);
                rows += chunk.getRowCount();
            }
        } catch (IOException e) {
            throw new CliFailure("FILE", "cannot write the Arrow stream: " + e.getMessage());
        }
        err().println(rows + " rows as an Arrow IPC stream" + (output != null ? " in " + output : ""));
        return ExitCodes.OK;
    }

    private int print(Connection connection, ResultPrinter printer) {
        Iterator<QueryResultChunk> chunks = connection.blocking().executeQueryStream(request());
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
