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
    private final StreamEnding<QueryResultChunk> ending;

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
        this.ending = new StreamEnding<>(call, query, idle, error -> errorChunk(error, elapsedMillis()));
    }

    /** Sends as many chunks as the client can take now; called again whenever it can take more. */
    synchronized void drain() {
        try {
            while (!ending.done() && call.isReady()) {
                EncodedChunk.Builder chunk = new EncodedChunk.Builder(lastChunkBytes);
                if (!firstSent) {
                    chunk.columns(query.columns());
                }
                int rows = chunker.fill(chunk);
                boolean last = chunker.exhausted();
                EncodedChunk built = chunk.build(last, elapsedMillis());
                if (last && ending.endedNotDurable()) {
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
            if (!ending.done()) {
                idle.stalled();
            }
        } catch (StatusRuntimeException clientGone) {
            ending.finish();
        } catch (RuntimeException e) {
            fail(Failures.normalize(e));
        }
    }

    /** Ends the stream with an error chunk (or a status, for the kinds the contract sends as one). */
    synchronized void fail(ServiceException failure) {
        ending.fail(failure);
    }

    synchronized void cancelled() {
        ending.finish();
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
