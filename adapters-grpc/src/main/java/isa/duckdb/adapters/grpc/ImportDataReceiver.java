package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.application.port.in.ImportStreamCommand;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.IncomingImport;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.Principal;

/**
 * The client-streaming side of ImportData: metadata first, then bytes, spooled as they come;
 * the import runs when the client half-closes. Any failure imports nothing.
 */
final class ImportDataReceiver implements StreamObserver<ImportDataRequest> {
    private final ImportStreamUseCase uploads;
    private final StreamObserver<ImportDataResponse> observer;
    private final long start = System.nanoTime();
    private final CancellationSignal signal = CallSignals.forCurrentCall();
    private final Principal principal = Principals.KEY.get();
    private IncomingImport upload;
    private String table = "";
    private boolean failed;

    ImportDataReceiver(ImportStreamUseCase uploads, StreamObserver<ImportDataResponse> observer) {
        this.uploads = uploads;
        this.observer = observer;
    }

    @Override
    public void onNext(ImportDataRequest message) {
        if (failed) {
            return;
        }
        try {
            if (upload == null) {
                if (!message.hasMetadata()) {
                    throw ServiceException.invalid("the stream must start with metadata; nothing was imported");
                }
                ImportDataMetadata metadata = message.getMetadata();
                table = metadata.getTableName();
                upload = uploads.begin(new ImportStreamCommand(new Caller(principal, metadata.getUserId()),
                        metadata.getDatabaseId(), metadata.getTableName(), metadata.getFormat(), metadata.getTotalSize(),
                        metadata.getOptionsMap()));
            } else if (message.hasMetadata()) {
                throw ServiceException.invalid("metadata may only come first; nothing was imported");
            } else {
                upload.write(message.getChunk().toByteArray());
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        failed = true;
        if (upload != null) {
            upload.abort();
        }
    }

    @Override
    public void onCompleted() {
        if (failed) {
            return;
        }
        if (upload == null) {
            fail(ServiceException.invalid("the stream ended without metadata; nothing was imported"));
            return;
        }
        UnaryCalls.answer(observer, () -> {
            long rows = upload.complete(signal);
            return ImportDataResponse.newBuilder()
                    .setSuccess(true)
                    .setRowsImported((int) Math.min(rows, Integer.MAX_VALUE))
                    .setMessage(rows + " row(s) imported into " + table)
                    .setExecutionTimeMs(Millis.since(start))
                    .build();
        }, this::errorResponse);
    }

    private void fail(RuntimeException e) {
        failed = true;
        if (upload != null) {
            upload.abort();
        }
        UnaryCalls.answer(observer, () -> {
            throw e;
        }, this::errorResponse);
    }

    private ImportDataResponse errorResponse(String error) {
        return ImportDataResponse.newBuilder().setSuccess(false).setError(error).setExecutionTimeMs(Millis.since(start))
                .build();
    }
}
