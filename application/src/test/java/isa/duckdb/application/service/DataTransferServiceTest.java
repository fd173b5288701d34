package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.ExportOutcome;
import isa.duckdb.application.port.in.ExportQueryCommand;
import isa.duckdb.application.port.in.ImportObjectCommand;
import isa.duckdb.application.port.in.ImportStreamCommand;
import isa.duckdb.application.port.in.IncomingImport;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.QueryObjectCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImportFromObject, ExportToObject, QueryObject and ImportData between the fake engine and the in-memory storage. */
class DataTransferServiceTest {
    private static final String IMPORTS = "user-lena-imports";
    private static final String EXPORTS = "user-lena-exports";
    private static final String CSV = "\"id\",\"item\"\n4,\"cap\"\n5,\"nib\"\n";

    @TempDir
    Path work;
    private final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    private ServiceHarness harness;
    private DataTransferService transfers;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        transfers = harness.transfers();
        harness.create(LENA, "sales");
        execute("CREATE TABLE orders (id INTEGER, item VARCHAR)");
        execute("INSERT INTO orders VALUES (1, 'pen'), (2, 'ink'), (3, 'pad')");
        harness.storage.ensureBucket(IMPORTS);
        harness.storage.put(IMPORTS, "in/new.csv", CSV.getBytes(StandardCharsets.UTF_8));
    }

    private void execute(String sql) {
        harness.queries().execute(new StatementCommand(Caller.trusted(LENA), "sales", sql, "", Map.of(), 0), CancellationSignal.none());
    }

    private List<Value[]> rowsOf(String sql) {
        try (OpenQuery query = harness.queries().open(new QueryCommand(Caller.trusted(LENA), "sales", sql, "", Map.of(), 0, 0),
                CancellationSignal.none())) {
            return drain(query);
        }
    }

    private static List<Value[]> drain(OpenQuery query) {
        List<Value[]> all = new ArrayList<>();
        for (List<Value[]> rows = query.next(100).toRows(); !rows.isEmpty(); rows = query.next(100).toRows()) {
            all.addAll(rows);
        }
        return all;
    }

    private static ImportObjectCommand importing(String table, String bucket, String key, boolean create,
            boolean truncate) {
        return new ImportObjectCommand(Caller.trusted(LENA), "sales", table, bucket, key, "csv", create, truncate, Map.of());
    }

    private static ExportQueryCommand exporting(String query, String bucket, String key, boolean overwrite) {
        return new ExportQueryCommand(Caller.trusted(LENA), "sales", query, bucket, key, "csv", Map.of(), overwrite);
    }

    private static QueryObjectCommand querying(String query, String key, int maxRows) {
        return new QueryObjectCommand(Caller.trusted(LENA), "sales", "imports", key, "csv", query, Map.of(), maxRows);
    }

    /** Files in the working folders other than the open databases' own files: spools, downloads, exports. */
    private List<Path> strayFiles() {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".duckdb"))
                    .filter(f -> !f.getFileName().toString().equals("lease.properties")) // the working copy's lease
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int callsInFlight() {
        return harness.metricsService().databaseMetrics(Principal.trusted(), "lena/sales").callsInFlight();
    }

    @Test
    void anObjectIsImportedIntoANewTableMadeFromItsColumns() {
        long rows = transfers.importObject(importing("items", "imports", "in/new.csv", true, false),
                CancellationSignal.none());

        assertThat(rows).isEqualTo(2);
        assertThat(rowsOf("SELECT * FROM items")).extracting(row -> row[1])
                .containsExactly(new Value.Text("cap"), new Value.Text("nib"));
        assertThat(engine.executed()).anyMatch(sql -> sql.startsWith("INSERT INTO \"items\" SELECT * FROM read_csv("));
        assertThat(strayFiles()).isEmpty();
    }

    @Test
    void truncateReplacesTheRowsOfAnExistingTable() {
        transfers.importObject(importing("user_lena_orders", "imports", "in/new.csv", false, true),
                CancellationSignal.none());

        assertThat(rowsOf("SELECT * FROM orders")).extracting(row -> row[0])
                .containsExactly(new Value.Int(4), new Value.Int(5));
    }

    @Test
    void aMissingTableIsNotFoundUnlessItMayBeCreated() {
        failureOf(() -> transfers.importObject(importing("items", "imports", "in/new.csv", false, false),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);

        assertThat(strayFiles()).isEmpty();
        assertThat(callsInFlight()).isZero();
    }

    @Test
    void aMissingObjectIsNotFound() {
        failureOf(() -> transfers.importObject(importing("items", "imports", "in/none.csv", true, false),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);
        failureOf(() -> transfers.importObject(importing("items", "elsewhere", "in/new.csv", true, false),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);
        assertThat(strayFiles()).isEmpty();
    }

    @Test
    void importArgumentsAreCheckedBeforeAnythingMoves() {
        failureOf(() -> transfers.importObject(importing("items", " ", "in/new.csv", true, false),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.importObject(importing("items", "imports", "../user-mia-imports/x.csv", true, false),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.importObject(new ImportObjectCommand(Caller.trusted(LENA), "sales", "items", "imports", "in/new.csv",
                "xlsx", true, false, Map.of()), CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.importObject(new ImportObjectCommand(Caller.trusted(LENA), "sales", "items", "imports", "in/new.csv",
                "csv", true, false, Map.of("filename", "true")), CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);

        assertThat(engine.executed()).noneMatch(sql -> sql.contains("read_csv"));
    }

    @Test
    void aQueryIsExportedToAnObjectInTheCallersNamespacedBucket() {
        ExportOutcome outcome = transfers.exportQuery(exporting("SELECT * FROM user_lena_orders", "exports",
                "out/orders.csv", false), CancellationSignal.none());

        String content = new String(harness.storage.get(EXPORTS, "out/orders.csv").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(content).isEqualTo("\"id\",\"item\"\n1,\"pen\"\n2,\"ink\"\n3,\"pad\"\n");
        assertThat(outcome.rows()).isEqualTo(3);
        assertThat(outcome.fileSize()).isEqualTo(content.length());
        assertThat(outcome.bucket()).isEqualTo(EXPORTS);
        assertThat(outcome.objectKey()).isEqualTo("out/orders.csv");
        assertThat(engine.executed()).contains("SELECT * FROM orders");
        assertThat(harness.storage.get(EXPORTS, ".owner")).map(String::new).contains("lena");
        assertThat(strayFiles()).isEmpty();
    }

    @Test
    void anExistingObjectIsOnlyReplacedWhenOverwriteIsSet() {
        harness.storage.ensureBucket(EXPORTS);
        harness.storage.put(EXPORTS, "out/orders.csv", "old".getBytes(StandardCharsets.UTF_8));

        failureOf(() -> transfers.exportQuery(exporting("SELECT * FROM orders", "exports", "out/orders.csv", false),
                CancellationSignal.none()), ErrorKind.ALREADY_EXISTS);
        assertThat(harness.storage.get(EXPORTS, "out/orders.csv")).map(String::new).contains("old");

        transfers.exportQuery(exporting("SELECT * FROM orders", "exports", "out/orders.csv", true),
                CancellationSignal.none());
        assertThat(harness.storage.get(EXPORTS, "out/orders.csv")).map(String::new).hasValueSatisfying(
                text -> assertThat(text).startsWith("\"id\",\"item\"\n"));
    }

    @Test
    void theBucketHoldingTheDatabasesIsNoExportTarget() {
        failureOf(() -> transfers.exportQuery(exporting("SELECT * FROM orders", "duckdb", "orders.duckdb", true),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);

        assertThat(harness.storage.get(ServiceHarness.LENAS_BUCKET, "orders.duckdb")).isEmpty();
    }

    @Test
    void anExportedQueryIsOneAllowedStatementThatCannotEscapeItsParentheses() {
        for (String query : List.of("SELECT * FROM orders; SELECT 1", "SELECT * FROM orders) TO 'x.csv' (",
                "ATTACH 'x'", "")) {
            failureOf(() -> transfers.exportQuery(exporting(query, "exports", "out/x.csv", true),
                    CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        }

        assertThat(harness.storage.list(EXPORTS, "")).isEmpty();
    }

    @Test
    void aBucketClaimedByAnotherTenantIsRefusedForImportAndExport() {
        TenantId a = TenantId.of("a");
        TenantId ab = TenantId.of("a-b");
        assertThat(a.namespacedBucket("b-c")).isEqualTo(ab.namespacedBucket("c")).isEqualTo("user-a-b-c");
        harness.create(a, "db");
        harness.create(ab, "db");
        harness.transfers().exportQuery(new ExportQueryCommand(Caller.trusted(a), "db", "SELECT * FROM range(2)", "b-c", "x.csv", "csv",
                Map.of(), false), CancellationSignal.none());

        failureOf(() -> transfers.importObject(new ImportObjectCommand(Caller.trusted(ab), "db", "t", "c", "x.csv", "csv", true,
                false, Map.of()), CancellationSignal.none()), ErrorKind.NOT_FOUND);
        failureOf(() -> transfers.exportQuery(new ExportQueryCommand(Caller.trusted(ab), "db", "SELECT * FROM range(1)", "c", "y.csv",
                "csv", Map.of(), false), CancellationSignal.none()), ErrorKind.NOT_FOUND);
        failureOf(() -> transfers.queryObject(new QueryObjectCommand(Caller.trusted(ab), "db", "c", "x.csv", "csv", "", Map.of(), 0),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);
        assertThat(harness.storage.stat("user-a-b-c", "y.csv")).isEmpty();
    }

    /** {@code a} + {@code b-duckdb} is {@code user-a-b-duckdb}: the database bucket of tenant {@code a-b}. */
    @Test
    void aBucketNameThatCouldBeAnotherTenantsDatabaseBucketIsRefused() {
        TenantId a = TenantId.of("a");
        harness.create(a, "db");
        harness.create(TenantId.of("a-b"), "db");

        failureOf(() -> transfers.exportQuery(new ExportQueryCommand(Caller.trusted(a), "db", "SELECT 1", "b-duckdb", "db.duckdb", "csv",
                Map.of(), true), CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.queryObject(new QueryObjectCommand(Caller.trusted(a), "db", "b-duckdb", "db.duckdb", "csv", "",
                Map.of(), 0), CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void aFileObjectIsQueriedAsFileAndItsDownloadRemovedOnClose() {
        List<Value[]> rows;
        try (OpenQuery query = transfers.queryObject(querying("SELECT count(*) FROM $FILE", "in/new.csv", 0),
                CancellationSignal.none())) {
            rows = drain(query);
            assertThat(strayFiles()).hasSize(1);
        }

        assertThat(rows).singleElement().satisfies(row -> assertThat(row[0]).isEqualTo(new Value.Int(2)));
        assertThat(engine.executed()).anyMatch(sql -> sql.startsWith("SELECT count(*) FROM read_csv('"));
        assertThat(strayFiles()).isEmpty();
        assertThat(callsInFlight()).isZero();
    }

    @Test
    void withoutAQueryTheWholeFileIsReadUpToMaxRows() {
        try (OpenQuery query = transfers.queryObject(querying("", "in/new.csv", 1), CancellationSignal.none())) {
            assertThat(query.columns()).extracting(c -> c.name()).containsExactly("id", "item");
            assertThat(drain(query)).hasSize(1);
        }
    }

    @Test
    void aFileQueryMustReadTheFileAsFile() {
        failureOf(() -> transfers.queryObject(querying("SELECT * FROM orders", "in/new.csv", 0),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.queryObject(querying("SELECT '$FILE'", "in/new.csv", 0),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.queryObject(querying("", "in/new.csv", -1), CancellationSignal.none()),
                ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void aFileQueryThatFailsLeavesNothingBehind() {
        failureOf(() -> transfers.queryObject(querying("", "in/none.csv", 0), CancellationSignal.none()),
                ErrorKind.NOT_FOUND);
        failureOf(() -> transfers.queryObject(querying("SELECT * FROM $FILE WHERE nope = 1", "in/new.csv", 0),
                CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);

        assertThat(strayFiles()).isEmpty();
        assertThat(callsInFlight()).isZero();
    }

    @Test
    void anUploadedStreamIsImportedIntoTheTable() {
        IncomingImport upload = transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "sales", "user_lena_uploaded", "csv",
                CSV.length(), Map.of()));
        upload.write(CSV.substring(0, 10).getBytes(StandardCharsets.UTF_8));
        upload.write(CSV.substring(10).getBytes(StandardCharsets.UTF_8));

        long rows = upload.complete(CancellationSignal.none());

        assertThat(rows).isEqualTo(2);
        assertThat(rowsOf("SELECT * FROM uploaded")).hasSize(2);
        assertThat(strayFiles()).isEmpty();
    }

    @Test
    void anUploadIsCheckedBeforeAnyByteArrives() {
        failureOf(() -> transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "nope", "t", "csv", 0, Map.of())),
                ErrorKind.NOT_FOUND);
        failureOf(() -> transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "sales", "t", "csv", -1, Map.of())),
                ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "sales", "t", "pdf", 0, Map.of())),
                ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "sales", "", "csv", 0, Map.of())),
                ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void aTruncatedUploadImportsNothingAndLeavesNothingBehind() {
        IncomingImport upload = transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "sales", "uploaded", "csv",
                CSV.length() + 10, Map.of()));
        upload.write(CSV.getBytes(StandardCharsets.UTF_8));

        failureOf(() -> upload.complete(CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);

        failureOf(() -> rowsOf("SELECT * FROM uploaded"), ErrorKind.NOT_FOUND);
        assertThat(strayFiles()).isEmpty();
    }

    @Test
    void anUploadTheEngineRefusesChangesNothingAndLeavesNothingBehind() {
        IncomingImport upload = transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "sales", "orders", "csv", 0, Map.of()));
        upload.write("\"id\",\"item\",\"extra\"\n6,\"x\",\"y\"\n".getBytes(StandardCharsets.UTF_8));

        failureOf(() -> upload.complete(CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);

        assertThat(rowsOf("SELECT * FROM orders")).hasSize(3);
        assertThat(strayFiles()).isEmpty();
        assertThat(callsInFlight()).isZero();
    }

    @Test
    void anAbortedUploadLeavesNothingBehind() {
        IncomingImport upload = transfers.begin(new ImportStreamCommand(Caller.trusted(LENA), "sales", "uploaded", "csv", 0, Map.of()));
        upload.write(CSV.getBytes(StandardCharsets.UTF_8));

        upload.abort();

        assertThat(strayFiles()).isEmpty();
        failureOf(() -> rowsOf("SELECT * FROM uploaded"), ErrorKind.NOT_FOUND);
    }
}
