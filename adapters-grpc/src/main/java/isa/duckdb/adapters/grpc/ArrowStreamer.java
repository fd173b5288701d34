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
    /** Most rows asked of the query per record batch. */
    static final int BATCH_ROWS = 8192;
    /**
     * Rows of the first record batch; later ones hold about {@code targetChunkBytes} each (fewer rows when rows are
     * wide), so that a batch's bytes on the heap stay near a chunk's.
     */
    static final int FIRST_BATCH_ROWS = 256;
    /** Arrow IPC end-of-stream: the continuation marker and a zero length. */
    private static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};

    private final ServerCallStreamObserver<ArrowResultChunk> call;
    private final OpenQuery query;
    private final StreamLimits limits;
    private final StreamStats stats;
    private final IdleTimer idle;
    private final Buffer pending = new Buffer();
    private int batchRows = FIRST_BATCH_ROWS;
    private long pendingRows;
    private boolean started;
    private boolean exhausted;
    private final StreamEnding<ArrowResultChunk> ending;

    /** @param timers where the stream's idle timer ({@link StreamLimits#streamIdleTimeout()}) runs */
    ArrowStreamer(ServerCallStreamObserver<ArrowResultChunk> call, OpenQuery query, StreamLimits limits, StreamStats stats,
            StreamTimers timers) {
        this.idle = new IdleTimer(timers, limits.streamIdleTimeout(),
                () -> fail(StreamIdleness.failure(limits.streamIdleTimeout())));
        this.call = call;
        this.query = query;
        this.limits = limits;
        this.stats = stats;
        this.ending = new StreamEnding<>(call, query, idle, ArrowStreamer::errorChunk);
    }

    /** Sends as many chunks as the client can take now; called again whenever it can take more. */
    synchronized void drain() {
        try {
            while (!ending.done() && call.isReady()) {
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
                if (last && ending.endedNotDurable()) {
                    return;
                }
                call.onNext(chunk);
                idle.moved();
                stats.chunkSent((int) chunk.getRowCount(), chunk.getSerializedSize());
                if (last) {
                    call.onCompleted();
                }
            }
            if (!ending.done()) {
                idle.stalled();
            }
        } catch (StatusRuntimeException clientGone) {
            ending.finish();
        } catch (RuntimeException e) {
            fail(Failures.normalize(e));
        }
    }

    /** Ends the stream with an error chunk, or a status for the kinds the contract sends as one. */
    synchronized void fail(ServiceException failure) {
        ending.fail(failure);
    }

    synchronized void cancelled() {
        ending.finish();
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
                RowBatch batch = query.next(batchRows);
                if (batch.rowCount() == 0) {
                    pending.write(END_OF_STREAM);
                    exhausted = true;
                } else {
                    int before = pending.size();
                    batch.writeArrowIpc(new Bounded(pending, limits.maxArrowBatchBytes()));
                    pendingRows += batch.rowCount();
                    long bytesPerRow = Math.max(1, (pending.size() - before) / batch.rowCount());
                    batchRows = (int) Math.max(1, Math.min(BATCH_ROWS, limits.targetChunkBytes() / bytesPerRow));
                }
            }
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "the result could not be written as Arrow", e);
        }
    }

    /**
     * Lets at most {@code limit} bytes through to the buffer: a record batch larger than that (one huge value or
     * row) is refused with RESOURCE_EXHAUSTED before it takes the heap.
     */
    private static final class Bounded extends java.io.FilterOutputStream {
        private final long limit;
        private long written;

        Bounded(Buffer out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int bytes) {
            written += bytes;
            if (written > limit) {
                throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "a record batch of the result is larger than "
                        + limit + " bytes (a single value or row too large to stream); ask for smaller values");
            }
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
