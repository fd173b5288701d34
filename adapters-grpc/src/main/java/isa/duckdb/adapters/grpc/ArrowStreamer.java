package isa.duckdb.adapters.grpc;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.ServiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Sends a query's result as one Arrow IPC stream cut into chunks of {@code targetChunkBytes} to
 * {@code maxChunkBytes}, producing only while gRPC flow control says the client can take more.
 * Chunk boundaries fall anywhere in the byte stream; a chunk's {@code row_count} counts the rows of
 * the record batches whose bytes begin in it (they sum to the result's rows). The last chunk ends
 * with the end-of-stream marker.
 */
final class ArrowStreamer {
    /** Rows asked of the query per record batch. */
    static final int BATCH_ROWS = 8192;
    /** Arrow IPC end-of-stream: the continuation marker and a zero length. */
    private static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};

    private final ServerCallStreamObserver<ArrowResultChunk> call;
    private final OpenQuery query;
    private final StreamLimits limits;
    private final StreamStats stats;
    private final Buffer pending = new Buffer();
    private long pendingRows;
    private boolean started;
    private boolean exhausted;
    private boolean done;

    ArrowStreamer(ServerCallStreamObserver<ArrowResultChunk> call, OpenQuery query, StreamLimits limits, StreamStats stats) {
        this.call = call;
        this.query = query;
        this.limits = limits;
        this.stats = stats;
    }

    /** Sends as many chunks as the client can take now; called again whenever it can take more. */
    synchronized void drain() {
        try {
            while (!done && call.isReady()) {
                fill();
                int size = (int) Math.min(pending.size(), limits.maxChunkBytes());
                boolean last = exhausted && size == pending.size();
                ArrowResultChunk chunk = ArrowResultChunk.newBuilder()
                        .setSuccess(true)
                        .setArrowIpc(pending.take(size))
                        .setRowCount(pendingRows)
                        .setIsLast(last)
                        .build();
                pendingRows = 0;
                call.onNext(chunk);
                stats.chunkSent((int) chunk.getRowCount(), chunk.getSerializedSize());
                if (last) {
                    finish();
                    call.onCompleted();
                }
            }
        } catch (StatusRuntimeException clientGone) {
            finish();
        } catch (RuntimeException e) {
            fail(Failures.normalize(e));
        }
    }

    /** Ends the stream with an error chunk, or a status for the kinds the contract sends as one. */
    synchronized void fail(ServiceException failure) {
        if (done) {
            return;
        }
        finish();
        StreamErrors.end(call, failure, ArrowStreamer::errorChunk);
    }

    synchronized void cancelled() {
        finish();
    }

    static ArrowResultChunk errorChunk(String error) {
        CallRecord.markFailed();
        return ArrowResultChunk.newBuilder().setSuccess(false).setError(error).setIsLast(true).build();
    }

    private void fill() {
        try {
            if (!started) {
                if (query.columns().isEmpty()) {
                    throw ServiceException.invalid("the statement returns no rows; run it with ExecuteStatement");
                }
                query.writeArrowSchema(pending);
                started = true;
            }
            while (!exhausted && pending.size() < limits.targetChunkBytes()) {
                RowBatch batch = query.next(BATCH_ROWS);
                if (batch.rowCount() == 0) {
                    pending.write(END_OF_STREAM);
                    exhausted = true;
                } else {
                    batch.writeArrowIpc(pending);
                    pendingRows += batch.rowCount();
                }
            }
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "the result could not be written as Arrow", e);
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            query.close();
        }
    }

    /** Bytes not sent yet; taking a prefix keeps the rest. */
    private static final class Buffer extends ByteArrayOutputStream {
        ByteString take(int length) {
            ByteString taken = ByteString.copyFrom(buf, 0, length);
            System.arraycopy(buf, length, buf, 0, count - length);
            count -= length;
            return taken;
        }
    }
}
