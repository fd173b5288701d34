package isa.duckdb.adapters.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.ServiceException;

/**
 * Sends a query's rows as chunks, producing the next chunk only while gRPC flow control says the
 * client can take it. The first chunk carries the columns; exactly one chunk has {@code is_last}.
 */
final class QueryStreamer {
    private final ServerCallStreamObserver<QueryResultChunk> call;
    private final OpenQuery query;
    private final RowChunker chunker;
    private final long startNanos;
    private final StreamStats stats;
    private final IdleTimer idle;
    /** Size of the chunk sent last: the next one's buffer starts that large (chunks grow towards the target). */
    private int lastChunkBytes = 16 << 10;
    private boolean firstSent;
    private boolean done;

    /** @param timers where the stream's idle timer ({@link StreamLimits#streamIdleTimeout()}) runs */
    QueryStreamer(ServerCallStreamObserver<QueryResultChunk> call, OpenQuery query, StreamLimits limits,
            long startNanos, StreamStats stats, StreamTimers timers) {
        this.idle = new IdleTimer(timers, limits.streamIdleTimeout(),
                () -> fail(StreamIdleness.failure(limits.streamIdleTimeout())));
        this.call = call;
        this.query = query;
        this.chunker = new RowChunker(query, limits.targetChunkBytes(), limits.maxChunkBytes());
        this.startNanos = startNanos;
        this.stats = stats;
    }

    /** Sends as many chunks as the client can take now; called again whenever it can take more. */
    synchronized void drain() {
        try {
            while (!done && call.isReady()) {
                EncodedChunk.Builder chunk = new EncodedChunk.Builder(lastChunkBytes);
                if (!firstSent) {
                    chunk.columns(query.columns());
                }
                int rows = chunker.fill(chunk);
                boolean last = chunker.exhausted();
                EncodedChunk built = chunk.build(last, elapsedMillis());
                if (last && endedNotDurable()) {
                    return;
                }
                encoded().onNext(built);
                idle.moved();
                stats.chunkSent(rows, built.serializedSize());
                lastChunkBytes = built.serializedSize();
                firstSent = true;
                if (last) {
                    call.onCompleted();
                }
            }
            if (!done) {
                idle.stalled();
            }
        } catch (StatusRuntimeException clientGone) {
            finish();
        } catch (RuntimeException e) {
            fail(Failures.normalize(e));
        }
    }

    /**
     * Before the last chunk: ends the query, and when its writes could not be stored ends the stream with that
     * error instead of the last chunk (the client must not see a complete answer for a write that is not durable).
     */
    private boolean endedNotDurable() {
        RuntimeException failure = finish();
        if (failure == null) {
            return false;
        }
        StreamErrors.end(call, Failures.normalize(failure), error -> errorChunk(error, elapsedMillis()));
        return true;
    }

    /** Ends the stream with an error chunk (or a status, for the kinds the contract sends as one). */
    synchronized void fail(ServiceException failure) {
        if (done) {
            return;
        }
        finish();
        StreamErrors.end(call, failure, error -> errorChunk(error, elapsedMillis()));
    }

    synchronized void cancelled() {
        finish();
    }

    static QueryResultChunk errorChunk(String error, double elapsedMillis) {
        CallRecord.markFailed();
        return QueryResultChunk.newBuilder()
                .setSuccess(false)
                .setError(error)
                .setIsLast(true)
                .setExecutionTimeMs(elapsedMillis)
                .build();
    }

    /**
     * Ends the query once (its lease released). Returns the failure of that release, which with
     * {@code --durability commit} means the query's writes could not be stored (UNAVAILABLE), else null.
     */
    private RuntimeException finish() {
        if (done) {
            return null;
        }
        done = true;
        idle.stop();
        try {
            query.close();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * The call as the encoded binding sends it: {@link EncodedChunkMarshaller} is ExecuteQueryStream's response
     * marshaller ({@link DuckDBGrpcService#bindService()}), so the observer takes an {@link EncodedChunk} too.
     */
    @SuppressWarnings("unchecked")
    private ServerCallStreamObserver<Object> encoded() {
        return (ServerCallStreamObserver<Object>) (ServerCallStreamObserver<?>) call;
    }

    private double elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }
}
