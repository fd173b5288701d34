package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import isa.duckdb.adapters.minio.MinioObjectStorageAdapter;
import isa.duckdb.adapters.minio.MinioSettings;
import isa.duckdb.api.BackupDatabaseRequest;
import isa.duckdb.api.BackupDatabaseResponse;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.ExportToMinIOResponse;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.ImportFromMinIOResponse;
import isa.duckdb.api.QueryMinIOFileRequest;
import isa.duckdb.api.QueryMinIOFileResponse;
import isa.duckdb.api.RestoreDatabaseRequest;
import isa.duckdb.api.RestoreDatabaseResponse;
import isa.duckdb.adapters.minio.LocalS3Server;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service pointed at a real S3 server (S3Proxy over HTTP on loopback). */
class ObjectStorageEndToEndTest {
    private static final String USER = "tina_data";
    private static final String DB = "warehouse";
    private static final String DATA_BUCKET = "user-tina-data-duckdb-data";

    @TempDir
    static Path s3Files;
    @TempDir
    static Path data;
    static LocalS3Server s3;
    static MinioObjectStorageAdapter bucket;
    static RunningService service;
    static DuckDBServiceBlockingStub stub;

    @BeforeAll
    static void start() {
        s3 = LocalS3Server.start(s3Files);
        bucket = MinioObjectStorageAdapter.connect(MinioSettings.of(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                LocalS3Server.SECRET_KEY, false));
        service = RunningService.start(data, Duration.ofSeconds(1), Optional.of(new ServiceConfig.MinioConfig(
                s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY, false)));
        stub = service.blocking();
        createDatabase(stub, USER, DB);
        bucket.ensureBucket(DATA_BUCKET);
        bucket.put(DATA_BUCKET, "in/people.csv", ("id,name,score\n1,ann,9.5\n2,bob,7.25\n3,cid,8\n")
                .getBytes(StandardCharsets.UTF_8));
        bucket.put(DATA_BUCKET, "in/people.ndjson", ("{\"id\":1,\"name\":\"ann\"}\n{\"id\":2,\"name\":\"bob\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        bucket.put(DATA_BUCKET, "in/semicolons.csv", "a;b\n1;2\n3;4\n5;6\n7;8\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        s3.close();
    }

    @Test
    void theDatabaseObjectIsInTheTenantBucketAndFollowsWrites() {
        long before = bucket.stat("user-tina-data-duckdb", "warehouse.duckdb").orElseThrow().size();
        ok(stub, USER, DB, "CREATE TABLE growth AS SELECT i, md5(i::VARCHAR) AS h FROM range(100000) t(i)");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                bucket.stat("user-tina-data-duckdb", "warehouse.duckdb").orElseThrow().size() > before);
    }

    @Test
    void csvImportCreatesTheTableWithExactCountsThenAppendsAndTruncates() {
        ImportFromMinIOResponse created = importObject("people", "in/people.csv", "csv", true, false);
        assertThat(created.getError()).isEmpty();
        assertThat(created.getRowsImported()).isEqualTo(3);
        assertThat(importObject("people", "in/people.csv", "csv", false, false).getRowsImported()).isEqualTo(3);
        assertThat(count("people")).isEqualTo(6);
        assertThat(importObject("people", "in/people.csv", "csv", false, true).getRowsImported()).isEqualTo(3);
        assertThat(count("people")).isEqualTo(3);
        ImportFromMinIOResponse missing = importObject("nobody_made_this", "in/people.csv", "csv", false, false);
        assertThat(missing.getError()).startsWith("NOT_FOUND:");
    }

    @Test
    void readerOptionsAreAllowListed() {
        ImportFromMinIOResponse semicolons = stub.importFromMinIO(importRequest("semicolon_data", "in/semicolons.csv", "csv", true,
                false).putOptions("delimiter", ";").putOptions("header", "true").build());
        assertThat(semicolons.getRowsImported()).isEqualTo(4);
        assertThat(select(stub, USER, DB, "SELECT sum(b) FROM semicolon_data").getRows(0).getValues(0).getIntValue()).isEqualTo(20);
        ImportFromMinIORequest hostile = importRequest("semicolon_data2", "in/semicolons.csv", "csv", true, false)
                .putOptions("columns", "{'a': 'INT'}); ATTACH 'x' AS y; --").build();
        assertThat(stub.importFromMinIO(hostile).getError()).startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void ndjsonAndParquetRoundTrip() {
        ImportFromMinIOResponse json = importObject("people_json", "in/people.ndjson", "ndjson", true, false);
        assertThat(json.getError()).isEmpty();
        assertThat(json.getRowsImported()).isEqualTo(2);

        ok(stub, USER, DB, "CREATE TABLE facts AS SELECT i AS id, i * 0.5 AS half, 'n' || i AS label FROM range(5000) t(i)");
        ExportToMinIOResponse exported = export("SELECT * FROM facts", "out/facts.parquet", "parquet", false);
        assertThat(exported.getError()).isEmpty();
        assertThat(exported.getRowsExported()).isEqualTo(5000);
        assertThat(exported.getFileSize()).isEqualTo(bucket.stat(DATA_BUCKET, "out/facts.parquet").orElseThrow().size());
        ImportFromMinIOResponse back = importObject("facts_copy", "out/facts.parquet", "parquet", true, false);
        assertThat(back.getRowsImported()).isEqualTo(5000);
        var diff = select(stub, USER, DB, "SELECT count(*) FROM (SELECT * FROM facts EXCEPT SELECT * FROM facts_copy)");
        assertThat(diff.getRows(0).getValues(0).getIntValue()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"csv,out/q.csv", "json,out/q.json", "parquet,out/q.parquet"})
    void exportsReportExactRowsAndTheStoredSize(String format, String key) {
        ExportToMinIOResponse exported = export("SELECT range AS n FROM range(1234)", key, format, true);
        assertThat(exported.getError()).isEmpty();
        assertThat(exported.getRowsExported()).isEqualTo(1234);
        assertThat(exported.getFileSize()).isPositive()
                .isEqualTo(bucket.stat(DATA_BUCKET, key).orElseThrow().size());
    }

    @Test
    void anExistingObjectIsNotOverwrittenUnlessAsked() {
        assertThat(export("SELECT 1 AS x", "out/once.csv", "csv", false).getError()).isEmpty();
        assertThat(export("SELECT 2 AS x", "out/once.csv", "csv", false).getError()).startsWith("ALREADY_EXISTS:");
        assertThat(export("SELECT 2 AS x", "out/once.csv", "csv", true).getError()).isEmpty();
    }

    /** The hostile tenant of issue 12 through the export and file-query RPCs (see HostileTenantEndToEndTest). */
    @Test
    void exportAndFileQueriesRefuseWhatATenantMayNotCall() {
        for (String query : List.of("SELECT * FROM duckdb_settings()", "SELECT current_setting('temp_directory') AS t",
                "SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM query('SELECT 1')")) {
            String error = export(query, "out/leak.csv", "csv", true).getError();
            assertThat(error).as(query).startsWith("INVALID_ARGUMENT:").contains("not allowed")
                    .doesNotContain(data.toString());
        }
        assertThat(bucket.stat(DATA_BUCKET, "out/leak.csv")).isEmpty();
        for (String query : List.of("SELECT * FROM $FILE, read_text('/etc/hostname')",
                "SELECT current_setting('temp_directory') AS t FROM $FILE",
                "SELECT * FROM $FILE WHERE name IN (SELECT file FROM pragma_database_list)",
                "SELECT * FROM $FILE UNION ALL SELECT * FROM read_csv('/etc/passwd')")) {
            String error = stub.queryMinIOFile(fileQuery("in/people.csv", query).build()).getError();
            assertThat(error).as(query).startsWith("INVALID_ARGUMENT:").contains("not allowed")
                    .doesNotContain(data.toString());
        }
    }

    @Test
    void fileQueriesReadTheObjectAsFile() {
        QueryMinIOFileResponse all = stub.queryMinIOFile(fileQuery("in/people.csv", "").build());
        assertThat(all.getError()).isEmpty();
        assertThat(all.getColumnsList()).containsExactly("id", "name", "score");
        assertThat(all.getRowCount()).isEqualTo(3);
        assertThat(all.getRows(0).getValues(0).getIntValue()).isEqualTo(1);
        QueryMinIOFileResponse aggregated = stub.queryMinIOFile(fileQuery("in/people.csv",
                "SELECT max(score) AS best, '$FILE' AS literal FROM $FILE WHERE name <> 'cid'").build());
        assertThat(aggregated.getError()).isEmpty();
        assertThat(aggregated.getRows(0).getValues(0).getDoubleValue()).isEqualTo(9.5);
        assertThat(aggregated.getRows(0).getValues(1).getStringValue()).isEqualTo("$FILE");
        assertThat(stub.queryMinIOFile(fileQuery("in/people.csv", "SELECT 1) TO 'x.csv' (FORMAT csv); --").build())
                .getError()).startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void aCallerCannotLeaveItsNamespace() {
        assertThat(stub.importFromMinIO(ImportFromMinIORequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setTableName("t").setBucketName("duckdb-data").setObjectKey("../user-tina-data-duckdb/warehouse.duckdb")
                .setFormat("csv").setCreateTable(true).build()).getError()).startsWith("INVALID_ARGUMENT:");
        assertThat(stub.queryMinIOFile(QueryMinIOFileRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setBucketName("duckdb-data").setObjectKey("/etc/passwd").setFormat("csv").build()).getError())
                .startsWith("INVALID_ARGUMENT:");
        createDatabase(stub, "victor", "vault");
        bucket.ensureBucket("user-victor-duckdb-data");
        bucket.put("user-victor-duckdb-data", "secret.csv", "s\n42\n".getBytes(StandardCharsets.UTF_8));
        QueryMinIOFileResponse theirs = stub.queryMinIOFile(QueryMinIOFileRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setBucketName("duckdb-data").setObjectKey("secret.csv").setFormat("csv").build());
        assertThat(theirs.getError()).startsWith("NOT_FOUND:");
        assertThat(stub.exportToMinIO(ExportToMinIORequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setQuery("SELECT 1").setBucketName("duckdb").setObjectKey("warehouse.duckdb").setFormat("csv")
                .setOverwrite(true).build()).getError()).startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void bucketsSharedByTwoTenantNamesBelongToTheFirst() {
        createDatabase(stub, "ann_lee", "mine");
        var response = stub.createDatabase(isa.duckdb.api.CreateDatabaseRequest.newBuilder().setUserId("ann-lee")
                .setDatabaseName("theirs").build());
        assertThat(response.getError()).startsWith("FAILED_PRECONDITION:");
        var list = stub.listDatabases(isa.duckdb.api.ListDatabasesRequest.newBuilder().setUserId("ann-lee").build());
        assertThat(list.getError()).startsWith("FAILED_PRECONDITION:");
    }

    @Test
    void aTwentyMegabyteCsvStreamsIn() throws Exception {
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            chunk.append(i).append(",row-").append(i).append(",").append("x".repeat(80)).append('\n');
        }
        byte[] body = chunk.toString().getBytes(StandardCharsets.UTF_8);
        int repeats = (20 * 1024 * 1024) / body.length + 1;
        CompletableFuture<ImportDataResponse> result = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> upload = service.async().importData(Requests.completing(result));
        upload.onNext(ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setTableName("streamed").setFormat("csv").setTotalSize((long) body.length * repeats)
                .putOptions("header", "false")).build());
        for (int i = 0; i < repeats; i++) {
            upload.onNext(ImportDataRequest.newBuilder().setChunk(ByteString.copyFrom(body)).build());
        }
        upload.onCompleted();
        ImportDataResponse response = result.get(120, TimeUnit.SECONDS);
        assertThat(response.getError()).isEmpty();
        assertThat(response.getRowsImported()).isEqualTo(10_000 * repeats);
        assertThat(count("streamed")).isEqualTo(10_000L * repeats);
    }

    @Test
    void aStreamWithoutMetadataOrWithTheWrongSizeImportsNothing() throws Exception {
        CompletableFuture<ImportDataResponse> noMetadata = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> first = service.async().importData(Requests.completing(noMetadata));
        first.onNext(ImportDataRequest.newBuilder().setChunk(ByteString.copyFromUtf8("a\n1\n")).build());
        first.onCompleted();
        assertThat(noMetadata.get(30, TimeUnit.SECONDS).getError()).startsWith("INVALID_ARGUMENT:");

        CompletableFuture<ImportDataResponse> wrongSize = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> second = service.async().importData(Requests.completing(wrongSize));
        second.onNext(ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setTableName("never_made").setFormat("csv").setTotalSize(1000)).build());
        second.onNext(ImportDataRequest.newBuilder().setChunk(ByteString.copyFromUtf8("a\n1\n")).build());
        second.onCompleted();
        assertThat(wrongSize.get(30, TimeUnit.SECONDS).getError()).startsWith("INVALID_ARGUMENT:");
        assertThat(stub.executeQuery(Requests.query(USER, DB, "SELECT * FROM never_made").build()).getError())
                .startsWith("NOT_FOUND:");
    }

    @Test
    void backupsAreCopiesThatRestoreAsNewDatabases() {
        createDatabase(stub, USER, "ledger");
        ok(stub, USER, "ledger", "CREATE TABLE entries AS SELECT range AS id FROM range(42)");
        BackupDatabaseResponse backup = stub.backupDatabase(BackupDatabaseRequest.newBuilder().setUserId(USER)
                .setDatabaseId("ledger").setBackupName("nightly").setIncremental(true).build());
        assertThat(backup.getError()).isEmpty();
        assertThat(backup.getBackupPath()).startsWith("backups/nightly-").endsWith(".duckdb");
        assertThat(backup.getBackupSize()).isEqualTo(bucket.stat("user-tina-data-duckdb", backup.getBackupPath())
                .orElseThrow().size());
        assertThat(backup.getMessage()).contains("full copy");
        ok(stub, USER, "ledger", "DELETE FROM entries");

        RestoreDatabaseResponse restored = stub.restoreDatabase(RestoreDatabaseRequest.newBuilder().setUserId(USER)
                .setBackupPath(backup.getBackupPath()).setNewDatabaseName("ledger_restored").build());
        assertThat(restored.getError()).isEmpty();
        assertThat(restored.getDatabaseInfo().getTableCount()).isEqualTo(1);
        assertThat(select(stub, USER, "ledger_restored", "SELECT count(*) FROM entries").getRows(0).getValues(0)
                .getIntValue()).isEqualTo(42);
        assertThat(stub.restoreDatabase(RestoreDatabaseRequest.newBuilder().setUserId(USER)
                .setBackupPath(backup.getBackupPath()).setNewDatabaseName("ledger").build()).getError())
                .startsWith("ALREADY_EXISTS:");
        bucket.put("user-tina-data-duckdb", "backups/fake.duckdb", "not a database at all, just some text here"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(stub.restoreDatabase(RestoreDatabaseRequest.newBuilder().setUserId(USER)
                .setBackupPath("backups/fake.duckdb").setNewDatabaseName("fake").build()).getError())
                .startsWith("INVALID_ARGUMENT:");
        assertThat(stub.restoreDatabase(RestoreDatabaseRequest.newBuilder().setUserId("victor")
                .setBackupPath("user-tina-data-duckdb/" + backup.getBackupPath()).setNewDatabaseName("stolen").build())
                .getError()).startsWith("NOT_FOUND:");
    }

    private static ImportFromMinIOResponse importObject(String table, String key, String format, boolean create,
            boolean truncate) {
        return stub.importFromMinIO(importRequest(table, key, format, create, truncate).build());
    }

    private static ImportFromMinIORequest.Builder importRequest(String table, String key, String format, boolean create,
            boolean truncate) {
        return ImportFromMinIORequest.newBuilder().setUserId(USER).setDatabaseId(DB).setTableName(table)
                .setBucketName("duckdb-data").setObjectKey(key).setFormat(format).setCreateTable(create)
                .setTruncate(truncate);
    }

    private static ExportToMinIOResponse export(String query, String key, String format, boolean overwrite) {
        return stub.exportToMinIO(ExportToMinIORequest.newBuilder().setUserId(USER).setDatabaseId(DB).setQuery(query)
                .setBucketName("duckdb-data").setObjectKey(key).setFormat(format).setOverwrite(overwrite).build());
    }

    private static QueryMinIOFileRequest.Builder fileQuery(String key, String query) {
        return QueryMinIOFileRequest.newBuilder().setUserId(USER).setDatabaseId(DB).setBucketName("duckdb-data")
                .setObjectKey(key).setFormat("csv").setQuery(query);
    }

    private static long count(String table) {
        return select(stub, USER, DB, "SELECT count(*) FROM " + table).getRows(0).getValues(0).getIntValue();
    }
}
