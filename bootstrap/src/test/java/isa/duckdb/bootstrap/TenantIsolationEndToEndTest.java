package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.BackupDatabaseRequest;
import isa.duckdb.api.ColumnInfo;
import isa.duckdb.api.CreateFunctionRequest;
import isa.duckdb.api.CreateTableRequest;
import isa.duckdb.api.CreateViewRequest;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DropTableRequest;
import isa.duckdb.api.DropViewRequest;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.GetTableSchemaRequest;
import isa.duckdb.api.GetTableStatsRequest;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.InstallExtensionRequest;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListExtensionsRequest;
import isa.duckdb.api.ListTablesRequest;
import isa.duckdb.api.ListViewsRequest;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.QueryMinIOFileRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.RestoreDatabaseRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, "Critical, isolation": tenant ids that the contract's bucket naming maps to the same bucket
 * ({@code alice_smith}, {@code alice-smith}, {@code Alice_Smith}, …) or to neighbouring buckets must never
 * reach each other's databases, backups or files, through any RPC.
 */
class TenantIsolationEndToEndTest extends SharedServiceEndToEnd {
    private static final String OWNER = "alice_smith";
    private static final String DB = "payroll";

    @BeforeAll
    static void aliceKeepsSalaries() {
        createDatabase(stub, OWNER, DB);
        ok(stub, OWNER, DB, "CREATE TABLE salaries AS SELECT 'alice' AS name, 123456 AS amount");
        ok(stub, OWNER, DB, "CREATE VIEW v AS SELECT * FROM salaries");
        assertThat(stub.exportToMinIO(ExportToMinIORequest.newBuilder().setUserId(OWNER).setDatabaseId(DB)
                .setQuery("SELECT * FROM salaries").setBucketName("reports").setObjectKey("payroll.csv")
                .setFormat("csv").build()).getError()).isEmpty();
        assertThat(stub.backupDatabase(BackupDatabaseRequest.newBuilder().setUserId(OWNER).setDatabaseId(DB)
                .setBackupName("nightly").build()).getError()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice-smith", "Alice_Smith", "ALICE-SMITH", "alice smith", "alice.smith", "alice_smith ",
            "Alice-Smith", "alice\u00a0smith"})
    void anotherSpellingOfTheTenantReachesNoneOfItsDatabase(String impostor) {
        List<Supplier<String>> attempts = List.of(
                () -> stub.executeQuery(query(impostor, "SELECT * FROM salaries")).getError(),
                () -> streamError(impostor),
                () -> Requests.statement(stub, impostor, DB, "INSERT INTO salaries VALUES ('mallory', 1)").getError(),
                () -> stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .addStatements("DELETE FROM salaries").build()).getError(),
                () -> stub.prepareStatement(PrepareStatementRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setStatement("SELECT * FROM salaries").build()).getError(),
                () -> stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .build()).getError(),
                () -> stub.listTables(ListTablesRequest.newBuilder().setUserId(impostor).setDatabaseId(DB).build())
                        .getError(),
                () -> stub.getTableSchema(GetTableSchemaRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setTableName("salaries").build()).getError(),
                () -> stub.getTableStats(GetTableStatsRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setTableName("salaries").setIncludeColumns(true).build()).getError(),
                () -> stub.createTable(CreateTableRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setTableName("planted").addColumns(ColumnInfo.newBuilder().setName("x").setDataType("INTEGER")
                                .setNullable(true)).build()).getError(),
                () -> stub.dropTable(DropTableRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setTableName("salaries").build()).getError(),
                () -> stub.createView(CreateViewRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setViewName("w").setQuery("SELECT * FROM salaries").build()).getError(),
                () -> stub.listViews(ListViewsRequest.newBuilder().setUserId(impostor).setDatabaseId(DB).build())
                        .getError(),
                () -> stub.dropView(DropViewRequest.newBuilder().setUserId(impostor).setDatabaseId(DB).setViewName("v")
                        .build()).getError(),
                () -> stub.createFunction(CreateFunctionRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setFunctionName("f").setFunctionBody("1").build()).getError(),
                () -> stub.listExtensions(ListExtensionsRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .build()).getError(),
                () -> stub.installExtension(InstallExtensionRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setExtensionName("json").build()).getError(),
                () -> stub.backupDatabase(BackupDatabaseRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .build()).getError(),
                () -> stub.exportToMinIO(ExportToMinIORequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setQuery("SELECT * FROM salaries").setBucketName("loot").setObjectKey("x.csv")
                        .setFormat("csv").build()).getError(),
                () -> stub.importFromMinIO(ImportFromMinIORequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setTableName("salaries").setBucketName("reports").setObjectKey("payroll.csv")
                        .setFormat("csv").build()).getError(),
                () -> stub.queryMinIOFile(QueryMinIOFileRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setBucketName("reports").setObjectKey("payroll.csv").setFormat("csv").build()).getError(),
                () -> importDataError(impostor, DB),
                () -> stub.deleteDatabase(DeleteDatabaseRequest.newBuilder().setUserId(impostor).setDatabaseId(DB)
                        .setDeleteFromMinio(true).setForce(true).build()).getError(),
                () -> stub.getMetrics(GetMetricsRequest.newBuilder().setDatabaseId(impostor + "/" + DB).build())
                        .getError());
        List<String> answers = new ArrayList<>();
        for (Supplier<String> attempt : attempts) {
            answers.add(refusal(attempt));
        }
        assertThat(answers).allSatisfy(error -> assertThat(error).matches("(?s)^(NOT_FOUND|PERMISSION_DENIED): .*"));
        assertThat(stub.healthCheck(HealthCheckRequest.newBuilder().setDatabaseId(impostor + "/" + DB).build())
                .getHealthy()).isFalse();
        assertThat(stub.listDatabases(ListDatabasesRequest.newBuilder().setUserId(impostor).build())
                .getDatabasesList()).isEmpty();
        assertAliceIsUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice-smith", "Alice_Smith", "alice smith"})
    void anotherSpellingCannotRestoreTheTenantsBackups(String impostor) {
        String error = refusal(() -> stub.restoreDatabase(RestoreDatabaseRequest.newBuilder().setUserId(impostor)
                .setBackupPath(backupKey()).setNewDatabaseName("stolen").build()).getError());
        assertThat(error).matches("(?s)^(NOT_FOUND|PERMISSION_DENIED|FAILED_PRECONDITION): .*");
        assertThat(stub.listDatabases(ListDatabasesRequest.newBuilder().setUserId(OWNER).build()).getDatabasesList())
                .extracting(d -> d.getDatabaseName()).containsExactly(DB);
    }

    /** User {@code alice} with bucket {@code smith-reports} names the bucket {@code alice_smith} exported to. */
    @Test
    void aNeighbourWhoseBucketNamesCollideReadsAndWritesNoneOfTheTenantsObjects() {
        createDatabase(stub, "alice", "mine");
        List<String> answers = List.of(
                refusal(() -> stub.queryMinIOFile(QueryMinIOFileRequest.newBuilder().setUserId("alice")
                        .setDatabaseId("mine").setBucketName("smith-reports").setObjectKey("payroll.csv")
                        .setFormat("csv").build()).getError()),
                refusal(() -> stub.importFromMinIO(ImportFromMinIORequest.newBuilder().setUserId("alice")
                        .setDatabaseId("mine").setTableName("loot").setBucketName("smith-reports")
                        .setObjectKey("payroll.csv").setFormat("csv").setCreateTable(true).build()).getError()),
                refusal(() -> stub.queryMinIOFile(QueryMinIOFileRequest.newBuilder().setUserId("alice")
                        .setDatabaseId("mine").setBucketName("smith-duckdb").setObjectKey(backupKey())
                        .setFormat("csv").build()).getError()),
                refusal(() -> stub.exportToMinIO(ExportToMinIORequest.newBuilder().setUserId("alice")
                        .setDatabaseId("mine").setQuery("SELECT 1 AS overwritten").setBucketName("smith-reports")
                        .setObjectKey("payroll.csv").setFormat("csv").setOverwrite(true).build()).getError()),
                refusal(() -> stub.exportToMinIO(ExportToMinIORequest.newBuilder().setUserId("alice")
                        .setDatabaseId("mine").setQuery("SELECT 1 AS overwritten").setBucketName("smith-duckdb")
                        .setObjectKey("payroll.duckdb").setFormat("csv").setOverwrite(true).build()).getError()),
                refusal(() -> stub.restoreDatabase(RestoreDatabaseRequest.newBuilder().setUserId("alice")
                        .setBackupPath("s3://user-alice-smith-duckdb/" + backupKey()).setNewDatabaseName("stolen")
                        .build()).getError()));
        assertThat(answers).allSatisfy(error -> assertThat(error)
                .matches("(?s)^(NOT_FOUND|PERMISSION_DENIED|FAILED_PRECONDITION|INVALID_ARGUMENT): .*")
                .doesNotContain("123456"));
        assertThat(stub.queryMinIOFile(QueryMinIOFileRequest.newBuilder().setUserId(OWNER).setDatabaseId(DB)
                .setBucketName("reports").setObjectKey("payroll.csv").setFormat("csv").build()).getRows(0)
                .getValues(1).getIntValue()).isEqualTo(123456);
        assertAliceIsUntouched();
    }

    private static void assertAliceIsUntouched() {
        var rows = select(stub, OWNER, DB, "SELECT name, amount FROM salaries ORDER BY name");
        assertThat(rows.getRowsCount()).isEqualTo(1);
        assertThat(rows.getRows(0).getValues(1).getIntValue()).isEqualTo(123456);
        assertThat(select(stub, OWNER, DB, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'planted'")
                .getRows(0).getValues(0).getIntValue()).isZero();
        assertThat(select(stub, OWNER, DB, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'v'")
                .getRows(0).getValues(0).getIntValue()).isEqualTo(1);
    }

    private static String backupKey() {
        return stub.backupDatabase(BackupDatabaseRequest.newBuilder().setUserId(OWNER).setDatabaseId(DB)
                .setBackupName("probe").build()).getBackupPath();
    }

    private static ExecuteQueryRequest query(String user, String sql) {
        return ExecuteQueryRequest.newBuilder().setUserId(user).setDatabaseId(DB).setQuery(sql).build();
    }

    private static String streamError(String user) {
        Iterator<QueryResultChunk> chunks = stub.executeQueryStream(query(user, "SELECT * FROM salaries"));
        StringBuilder error = new StringBuilder();
        while (chunks.hasNext()) {
            QueryResultChunk chunk = chunks.next();
            assertThat(chunk.getRowsList()).isEmpty();
            error.append(chunk.getError());
        }
        return error.toString();
    }

    private static String importDataError(String user, String database) throws RuntimeException {
        CompletableFuture<ImportDataResponse> result = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> upload = service.async().importData(new StreamObserver<>() {
            @Override
            public void onNext(ImportDataResponse value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        upload.onNext(ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder().setUserId(user)
                .setDatabaseId(database).setTableName("salaries").setFormat("csv")).build());
        upload.onNext(ImportDataRequest.newBuilder().setChunk(ByteString.copyFrom("name,amount\nmallory,1\n",
                StandardCharsets.UTF_8)).build());
        upload.onCompleted();
        try {
            return result.get(30, TimeUnit.SECONDS).getError();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException status) {
                throw status;
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code word of a refusal, whether it came in the response body or as a gRPC status. */
    private static String refusal(Supplier<String> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            return code.name() + ": " + e.getStatus().getDescription();
        }
    }
}
