package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.BackupDatabaseRequest;
import isa.duckdb.api.BackupDatabaseResponse;
import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.ExportToMinIOResponse;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.QueryMinIOFileRequest;
import isa.duckdb.api.QueryMinIOFileResponse;
import isa.duckdb.application.port.in.BackupOutcome;
import isa.duckdb.application.port.in.ExportOutcome;
import isa.duckdb.application.port.in.ExportQueryCommand;
import isa.duckdb.application.port.in.ImportStreamCommand;
import isa.duckdb.application.port.in.QueryObjectCommand;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ImportData's message order (wire contract: metadata first, then bytes) and the object-storage RPCs. */
class StorageRpcsTest {
    private final UseCaseStubs stubs = new UseCaseStubs();
    private final InProcessService service = InProcessService.start(stubs);

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void anImportTakesTheMetadataThenTheBytesInOrderAndImportsOnHalfClose() throws Exception {
        UseCaseStubs.RecordingImport upload = new UseCaseStubs.RecordingImport();
        upload.rows.is(2L);
        stubs.uploads.next.is(upload);

        ImportDataResponse response = ImportCalls.send(service, List.of(metadata("alice"), chunk("id,name\n"),
                chunk("1,a\n"), chunk("2,b\n")));

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getRowsImported()).isEqualTo(2);
        assertThat(response.getMessage()).isEqualTo("2 row(s) imported into events");
        assertThat(upload.received.toString(StandardCharsets.UTF_8)).isEqualTo("id,name\n1,a\n2,b\n");
        assertThat(upload.completed).isTrue();
        assertThat(stubs.uploads.begun).containsExactly(new ImportStreamCommand(Caller.trusted("alice"), "sales",
                "events", "csv", 15, Map.of("header", "true")));
    }

    @Test
    void bytesBeforeTheMetadataAreRefusedAndNothingIsImported() throws Exception {
        ImportDataResponse response = ImportCalls.send(service, List.of(chunk("1,a\n"), metadata("alice")));

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError())
                .isEqualTo("INVALID_ARGUMENT: the stream must start with metadata; nothing was imported");
        assertThat(stubs.uploads.begun).isEmpty();
    }

    @Test
    void aSecondMetadataIsRefusedAndTheUploadIsDropped() throws Exception {
        ImportDataResponse response = ImportCalls.send(service, List.of(metadata("alice"), chunk("1,a\n"),
                metadata("alice"), chunk("2,b\n")));

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).isEqualTo("INVALID_ARGUMENT: metadata may only come first; nothing was imported");
        UseCaseStubs.RecordingImport upload = stubs.uploads.uploads.get(0);
        assertThat(upload.aborted).isTrue();
        assertThat(upload.completed).isFalse();
        assertThat(upload.received.toString(StandardCharsets.UTF_8)).isEqualTo("1,a\n");
    }

    @Test
    void aStreamEndingWithoutMetadataIsRefused() throws Exception {
        ImportDataResponse response = ImportCalls.send(service, List.of());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError())
                .isEqualTo("INVALID_ARGUMENT: the stream ended without metadata; nothing was imported");
    }

    @Test
    void theUseCasesPermissionDeniedForMetadataIsAStatus() {
        stubs.uploads.next.fails(new ServiceException(ErrorKind.PERMISSION_DENIED, "user_id is required"));

        assertThatThrownBy(() -> ImportCalls.send(service, List.of(metadata(""), chunk("1,a\n"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(stubs.uploads.begun).extracting(c -> c.caller()).containsExactly(Caller.trusted(""));
    }

    @Test
    void aRefusedMetadataAnswersInTheBodyAndTheRestOfTheStreamIsIgnored() throws Exception {
        stubs.uploads.next.fails(ServiceException.invalid("format 'xlsx' is not supported"));

        ImportDataResponse response = ImportCalls.send(service, List.of(metadata("alice"), chunk("1,a\n")));

        assertThat(response.getError()).isEqualTo("INVALID_ARGUMENT: format 'xlsx' is not supported");
        assertThat(stubs.uploads.uploads).isEmpty();
    }

    @Test
    void aClientThatGivesUpMidwayLeavesNothingImported() {
        RecordingObserver<ImportDataResponse> answer = new RecordingObserver<>();
        StreamObserver<ImportDataRequest> requests = service.async().importData(answer);
        requests.onNext(metadata("alice"));
        requests.onNext(chunk("1,a\n"));

        requests.onError(Status.CANCELLED.withDescription("client gave up").asRuntimeException());

        await().until(() -> stubs.uploads.uploads.get(0).aborted);
        assertThat(stubs.uploads.uploads.get(0).completed).isFalse();
    }

    @Test
    void queryMinIOFileHandsOverTheFileAndAnswersColumnsAndRows() {
        StubQuery rows = StubQuery.of(List.of(new Column("city", "VARCHAR")),
                List.of(new Value[] {new Value.Text("Oslo")}, new Value[] {new Value.Text("Lima")}));
        stubs.transfers.queried.is(rows);

        QueryMinIOFileResponse response = service.blocking().queryMinIOFile(QueryMinIOFileRequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setBucketName("duckdb-data").setObjectKey("cities.csv")
                .setFormat("csv").setQuery("SELECT city FROM $FILE").putOptions("delim", ";").build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getColumnsList()).containsExactly("city");
        assertThat(response.getRowCount()).isEqualTo(2);
        assertThat(response.getRows(1).getValues(0).getStringValue()).isEqualTo("Lima");
        assertThat(stubs.transfers.received).containsExactly(new QueryObjectCommand(Caller.trusted("alice"), "sales",
                "duckdb-data", "cities.csv", "csv", "SELECT city FROM $FILE", Map.of("delim", ";"), 0));
        assertThat(rows.isClosed()).isTrue();
    }

    @Test
    void exportToMinIOSaysWhereTheRowsWent() {
        stubs.transfers.exported.is(new ExportOutcome(42, 4096, "user-alice-duckdb-data", "out/sales.parquet"));

        ExportToMinIOResponse response = service.blocking().exportToMinIO(ExportToMinIORequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setQuery("SELECT * FROM t").setBucketName("duckdb-data")
                .setObjectKey("out/sales.parquet").setFormat("parquet").setOverwrite(true).build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getRowsExported()).isEqualTo(42);
        assertThat(response.getFileSize()).isEqualTo(4096);
        assertThat(response.getMessage()).isEqualTo("42 row(s) exported to user-alice-duckdb-data/out/sales.parquet");
        assertThat(stubs.transfers.received).containsExactly(new ExportQueryCommand(Caller.trusted("alice"), "sales",
                "SELECT * FROM t", "duckdb-data", "out/sales.parquet", "parquet", Map.of(), true));
    }

    @Test
    void backupDatabaseAnswersThePathSizeAndTimeOfTheBackup() {
        Instant at = Instant.parse("2025-03-01T12:00:00.5Z");
        stubs.backups.backup.is(new BackupOutcome("backups/sales/20250301T120000Z.duckdb", 12_288, at, "backed up"));

        BackupDatabaseResponse response = service.blocking().backupDatabase(BackupDatabaseRequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setBackupName("nightly").build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getBackupPath()).isEqualTo("backups/sales/20250301T120000Z.duckdb");
        assertThat(response.getBackupSize()).isEqualTo(12_288);
        assertThat(response.getBackupTime().getSeconds()).isEqualTo(at.getEpochSecond());
        assertThat(response.getBackupTime().getNanos()).isEqualTo(500_000_000);
        assertThat(stubs.backups.received).containsExactly(new UseCaseStubs.Call(Caller.trusted("alice"), "sales", "nightly"));
    }

    private static ImportDataRequest metadata(String userId) {
        return ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder().setUserId(userId)
                .setDatabaseId("sales").setTableName("events").setFormat("csv").setTotalSize(15)
                .putOptions("header", "true")).build();
    }

    private static ImportDataRequest chunk(String text) {
        return ImportDataRequest.newBuilder().setChunk(ByteString.copyFromUtf8(text)).build();
    }
}
