package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.BackupDatabaseRequest;
import isa.duckdb.api.BackupDatabaseResponse;
import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.ExportToMinIOResponse;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.ImportFromMinIOResponse;
import isa.duckdb.api.QueryMinIOFileRequest;
import isa.duckdb.api.QueryMinIOFileResponse;
import isa.duckdb.api.RestoreDatabaseRequest;
import isa.duckdb.api.RestoreDatabaseResponse;
import isa.duckdb.api.Row;
import isa.duckdb.application.port.in.BackupOutcome;
import isa.duckdb.application.port.in.BackupUseCase;
import isa.duckdb.application.port.in.ExportOutcome;
import isa.duckdb.application.port.in.ExportQueryCommand;
import isa.duckdb.application.port.in.ImportObjectCommand;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryObjectCommand;
import isa.duckdb.application.port.in.TransferDataUseCase;
import isa.duckdb.domain.Column;
import jakarta.inject.Inject;
import java.util.List;

/** The RPCs that move data between databases and object storage, and backups. */
public final class StorageRpcs {
    private final TransferDataUseCase transfers;
    private final ImportStreamUseCase uploads;
    private final BackupUseCase backups;
    private final StreamLimits limits;
    private final StreamTimers timers;

    /** @param timers run the uploads' idle timers */
    @Inject
    public StorageRpcs(TransferDataUseCase transfers, ImportStreamUseCase uploads, BackupUseCase backups,
            StreamLimits limits, StreamTimers timers) {
        this.timers = timers;
        this.transfers = transfers;
        this.uploads = uploads;
        this.backups = backups;
        this.limits = limits;
    }

    void importFromMinIO(ImportFromMinIORequest request, StreamObserver<ImportFromMinIOResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            long rows = transfers.importObject(new ImportObjectCommand(Principals.caller(request.getUserId()),
                    request.getDatabaseId(), request.getTableName(), request.getBucketName(), request.getObjectKey(),
                    request.getFormat(), request.getCreateTable(), request.getTruncate(), request.getOptionsMap()),
                    CallSignals.forCurrentCall());
            return ImportFromMinIOResponse.newBuilder()
                    .setSuccess(true)
                    .setRowsImported(clamp(rows))
                    .setMessage(rows + " row(s) imported into " + request.getTableName())
                    .setExecutionTimeMs(Millis.since(start))
                    .build();
        }, error -> ImportFromMinIOResponse.newBuilder().setSuccess(false).setError(error)
                .setExecutionTimeMs(Millis.since(start)).build());
    }

    void exportToMinIO(ExportToMinIORequest request, StreamObserver<ExportToMinIOResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            ExportOutcome outcome = transfers.exportQuery(new ExportQueryCommand(Principals.caller(request.getUserId()),
                    request.getDatabaseId(), request.getQuery(), request.getBucketName(), request.getObjectKey(),
                    request.getFormat(), request.getOptionsMap(), request.getOverwrite()), CallSignals.forCurrentCall());
            return ExportToMinIOResponse.newBuilder()
                    .setSuccess(true)
                    .setRowsExported(clamp(outcome.rows()))
                    .setFileSize(outcome.fileSize())
                    .setMessage(outcome.rows() + " row(s) exported to " + outcome.bucket() + "/" + outcome.objectKey())
                    .setExecutionTimeMs(Millis.since(start))
                    .build();
        }, error -> ExportToMinIOResponse.newBuilder().setSuccess(false).setError(error)
                .setExecutionTimeMs(Millis.since(start)).build());
    }

    void queryMinIOFile(QueryMinIOFileRequest request, StreamObserver<QueryMinIOFileResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            try (OpenQuery query = transfers.queryObject(new QueryObjectCommand(Principals.caller(request.getUserId()),
                    request.getDatabaseId(), request.getBucketName(), request.getObjectKey(), request.getFormat(),
                    request.getQuery(), request.getOptionsMap(), 0), CallSignals.forCurrentCall())) {
                QueryMinIOFileResponse.Builder response = QueryMinIOFileResponse.newBuilder().setSuccess(true);
                query.columns().stream().map(Column::name).forEach(response::addColumns);
                List<Row> rows = UnaryRows.collect(query, limits);
                return response.addAllRows(rows)
                        .setRowCount(rows.size())
                        .setExecutionTimeMs(Millis.since(start))
                        .build();
            }
        }, error -> QueryMinIOFileResponse.newBuilder().setSuccess(false).setError(error)
                .setExecutionTimeMs(Millis.since(start)).build());
    }

    StreamObserver<ImportDataRequest> importData(StreamObserver<ImportDataResponse> observer) {
        return new ImportDataReceiver(uploads, observer, limits, timers);
    }

    void backupDatabase(BackupDatabaseRequest request, StreamObserver<BackupDatabaseResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            BackupOutcome outcome = backups.backup(Principals.caller(request.getUserId()), request.getDatabaseId(),
                    request.getBackupName(), request.getIncremental());
            return BackupDatabaseResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage(outcome.message())
                    .setBackupPath(outcome.path())
                    .setBackupSize(outcome.size())
                    .setBackupTime(ProtoValues.timestamp(outcome.time()))
                    .build();
        }, error -> BackupDatabaseResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void restoreDatabase(RestoreDatabaseRequest request, StreamObserver<RestoreDatabaseResponse> observer) {
        UnaryCalls.answer(observer, () -> RestoreDatabaseResponse.newBuilder()
                .setSuccess(true)
                .setMessage("restored '" + request.getBackupPath() + "' as database '" + request.getNewDatabaseName() + "'")
                .setDatabaseInfo(DatabaseInfos.toProto(backups.restore(Principals.caller(request.getUserId()),
                        request.getBackupPath(), request.getNewDatabaseName())))
                .build(),
                error -> RestoreDatabaseResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    private static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
