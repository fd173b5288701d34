package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.application.port.in.ImportStreamCommand;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.IncomingImport;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.Principal;

/**
 * The client-streaming side of ImportData: metadata first, then bytes, spooled as they come;
 * the import runs when the client half-closes. Any failure imports nothing. An upload carrying more than
 * {@link StreamLimits#maxUploadBytes()} (or announcing more in {@code total_size}) is refused with RESOURCE_EXHAUSTED;
 * one that sends nothing for {@link StreamLimits#uploadIdleTimeout()} is ended with DEADLINE_EXCEEDED.
 */
final class ImportDataReceiver implements StreamObserver<ImportDataRequest> {
    private final ImportStreamUseCase uploads;
    private final StreamObserver<ImportDataResponse> observer;
    private final long start = System.nanoTime();
    private final CancellationSignal signal = CallSignals.forCurrentCall();
    private final Principal principal = Principals.KEY.get();
    private IncomingImport upload;
    private String table = "";
    private final long maxBytes;
    private final IdleTimer idle;
    private long received;
    private boolean failed;
    private boolean completing;

    ImportDataReceiver(ImportStreamUseCase uploads, StreamObserver<ImportDataResponse> observer, StreamLimits limits,
            StreamTimers timers) {
        this.uploads = uploads;
        this.observer = observer;
        this.maxBytes = limits.maxUploadBytes();
        this.idle = new IdleTimer(timers, limits.uploadIdleTimeout(), this::idled);
        idle.stalled();
    }

    @Override
    public synchronized void onNext(ImportDataRequest message) {
        if (failed) {
            return;
        }
        idle.restart();
        try {
            if (upload == null) {
                if (!message.hasMetadata()) {
                    throw ServiceException.invalid("the stream must start with metadata; nothing was imported");
                }
                ImportDataMetadata metadata = message.getMetadata();
                requireWithinLimit(metadata.getTotalSize(), "announces total_size ");
                table = metadata.getTableName();
                upload = uploads.begin(new ImportStreamCommand(new Caller(principal, metadata.getUserId()),
                        metadata.getDatabaseId(), metadata.getTableName(), metadata.getFormat(), metadata.getTotalSize(),
                        metadata.getOptionsMap()));
            } else if (message.hasMetadata()) {
                throw ServiceException.invalid("metadata may only come first; nothing was imported");
            } else {
                received += message.getChunk().size();
                requireWithinLimit(received, "carried ");
                upload.write(message.getChunk().toByteArray());
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public synchronized void onError(Throwable t) {
        idle.stop();
        failed = true;
        if (upload != null) {
            upload.abort();
        }
    }

    @Override
    public void onCompleted() {
        synchronized (this) {
            idle.stop();
            if (failed) {
                return;
            }
            completing = true;
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

    private void requireWithinLimit(long bytes, String what) {
        if (maxBytes > 0 && bytes > maxBytes) {
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the upload " + what + bytes + " bytes, more than"
                    + " the " + maxBytes + "-byte limit (--max-upload-size); nothing was imported");
        }
    }

    private synchronized void idled() {
        if (!failed && !completing) {
            fail(StreamIdleness.uploadFailure(idle.timeout()));
        }
    }

    private void fail(RuntimeException e) {
        idle.stop();
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
