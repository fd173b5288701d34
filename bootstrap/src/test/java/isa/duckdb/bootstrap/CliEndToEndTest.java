package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.cli.DuckDbCli;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** duckdb-cli against the real service: the README's session, exit codes, and queries/cancel. */
class CliEndToEndTest extends SharedServiceEndToEnd {
    @TempDir
    Path files;

    /** What one CLI run printed and how it exited. */
    record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--endpoint", "127.0.0.1:" + service.runtime.port()));
        all.addAll(List.of(args));
        int exit = DuckDbCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** About 50 MB of {@code id,customer,amount} lines; returns how many rows it holds. */
    private static long writeCsv(Path file, long bytes) throws IOException {
        long rows = 0;
        long written = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            writer.write("id,customer,amount\n");
            while (written < bytes) {
                String line = rows + ",customer-" + (rows % 5000) + "," + (rows % 100000) / 4.0 + "\n";
                writer.write(line);
                written += line.length();
                rows++;
            }
        }
        return rows;
    }

    @Test
    void theReadmeSessionCreatesImportsFiftyMegabytesWithProgressQueriesExportsAndDrops() throws Exception {
        Path csv = files.resolve("orders.csv");
        long rows = writeCsv(csv, 50L * 1024 * 1024);

        assertThat(cli("-u", "cli_ann", "create", "shop").out()).startsWith("created shop (");
        assertThat(cli("-u", "cli_ann", "databases").out()).contains("shop");

        Run imported = cli("-u", "cli_ann", "-d", "shop", "import", csv.toString(), "--table", "orders");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("imported " + rows + " rows into orders (50.0 MB in ");
        assertThat(imported.err().lines().toList()).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(line -> assertThat(line).matches(
                        "import orders\\.csv: \\d+\\.\\d of 50\\.0 MB \\(\\d+%\\), \\d+\\.\\d MB/s, \\d+ s left"))
                .last().satisfies(line -> assertThat(line).contains("50.0 of 50.0 MB (100%)"));
        List<Integer> percents = imported.err().lines()
                .map(line -> Integer.parseInt(line.replaceAll(".*\\((\\d+)%\\).*", "$1"))).toList();
        assertThat(percents).as("a line at each further tenth").isSorted().doesNotHaveDuplicates();

        assertThat(cli("-u", "cli_ann", "-d", "shop", "tables").out()).containsPattern(
                "main\\s+\\| orders\\s+\\| 3\\s+\\| " + rows + " ");
        assertThat(cli("-u", "cli_ann", "-d", "shop", "query", "SELECT count(*) AS n FROM orders").out())
                .isEqualTo(String.format("n%n%s%n%d%n(1 row)%n", "-".repeat(String.valueOf(rows).length()), rows));
        assertThat(cli("-u", "cli_ann", "-d", "shop", "query", "--format", "csv", "--param", "max=2",
                "SELECT id, customer FROM orders WHERE id <= $max ORDER BY id").out())
                .isEqualTo("id,customer\n0,customer-0\n1,customer-1\n2,customer-2\n");
        assertThat(cli("-u", "cli_ann", "-d", "shop", "query", "--format", "json",
                "SELECT id, amount FROM orders WHERE id = 3").out()).isEqualTo("{\"id\":3,\"amount\":0.75}\n");
        assertThat(cli("-u", "cli_ann", "-d", "shop", "query", "DELETE FROM orders WHERE id < 10").out())
                .isEqualTo("10 row(s) affected\n");
        assertThat(cli("-u", "cli_ann", "-d", "shop", "export", "SELECT * FROM orders WHERE id < 100",
                "--to", "exports/first.csv").out()).startsWith("exported 90 rows (").endsWith(" bytes) to exports/first.csv\n");

        Run dropped = cli("-u", "cli_ann", "drop", "shop", "--purge");
        assertThat(dropped.exit()).as(dropped.err()).isZero();
        assertThat(cli("-u", "cli_ann", "databases").out()).doesNotContain("shop");
    }

    @Test
    void failuresExitWithTheCodeOfTheirKindAndPrintTheServicesMessage() {
        cli("-u", "cli_bob", "create", "ledger");

        Run again = cli("-u", "cli_bob", "create", "ledger");
        Run missing = cli("-u", "cli_bob", "-d", "nowhere", "query", "SELECT 1");
        Run badSql = cli("-u", "cli_bob", "-d", "ledger", "query", "SELECT * FROM no_such_table");
        Run noDatabase = cli("-u", "cli_bob", "tables");

        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.err()).startsWith("ALREADY_EXISTS: ");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).startsWith("NOT_FOUND: database 'nowhere'");
        assertThat(badSql.exit()).isEqualTo(3);
        assertThat(noDatabase.exit()).isEqualTo(2);
        assertThat(noDatabase.err()).contains("--database (or DUCKDB_CLI_DATABASE) is required for 'tables'");
    }

    @Test
    void queriesListsALongQueryAndCancelStopsIt() throws Exception {
        cli("-u", "cli_eve", "create", "heavy");
        ListenableFuture<ExecuteQueryResponse> call = DuckDBServiceGrpc.newFutureStub(service.channel)
                .executeQuery(query("cli_eve", "heavy", "SELECT count(*) FROM range(1000000) a, range(1000000) b").build());

        String listed = await().atMost(Duration.ofSeconds(30)).until(() -> cli("-u", "ops", "queries").out(),
                out -> out.contains("cli_eve"));
        Matcher id = Pattern.compile("(?m)^([0-9a-f]{16}) \\| cli_eve\\s+\\| heavy\\s+\\| ExecuteQuery").matcher(listed);
        assertThat(id.find()).as(listed).isTrue();
        assertThat(listed).contains("SELECT count(*) FROM range(1000000) a, range(1000000) b");

        Run cancelled = cli("-u", "ops", "cancel", id.group(1));

        assertThat(cancelled.exit()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).startsWith("cancelled ExecuteQuery call " + id.group(1) + " on cli_eve/heavy");
        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
        assertThat(cli("-u", "ops", "cancel", id.group(1)).exit()).isEqualTo(3);
    }
}
