package isa.duckdb.adapters.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Row;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ServiceException;
import java.util.List;

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
                List<Row> rows = chunker.nextGroup();
                boolean last = chunker.exhausted();
                QueryResultChunk.Builder chunk = QueryResultChunk.newBuilder()
                        .setSuccess(true)
                        .addAllRows(rows)
                        .setIsLast(last)
                        .setExecutionTimeMs(elapsedMillis());
                if (!firstSent) {
                    for (Column column : query.columns()) {
                        chunk.addColumns(column.name()).addColumnTypes(column.type());
                    }
                }
                QueryResultChunk built = chunk.build();
                if (last && endedNotDurable()) {
                    return;
                }
                call.onNext(built);
                idle.moved();
                stats.chunkSent(rows.size(), built.getSerializedSize());
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

    private double elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }
}
