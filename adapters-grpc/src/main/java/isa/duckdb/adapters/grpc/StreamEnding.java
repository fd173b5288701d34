package isa.duckdb.adapters.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.ServiceException;
import java.util.function.Function;

/**
 * How a streamed query's call ends, the same for ExecuteQueryStream ({@link QueryStreamer}) and ExecuteQueryArrow
 * ({@link ArrowStreamer}): the query is ended once (its lease released, the stream's idle timer stopped), a failure
 * ends the call with an error chunk or, for the kinds the contract sends as one, a status ({@link StreamErrors}), and
 * the last chunk is sent only after the query's writes were stored. Used under the streamer's lock.
 *
 * @param <C> the call's response message
 */
final class StreamEnding<C> {
    private final ServerCallStreamObserver<C> call;
    private final OpenQuery query;
    private final IdleTimer idle;
    private final Function<String, C> errorChunk;
    private boolean done;

    /** @param errorChunk the chunk that carries an error text ({@code success=false}, {@code is_last}) */
    StreamEnding(ServerCallStreamObserver<C> call, OpenQuery query, IdleTimer idle, Function<String, C> errorChunk) {
        this.call = call;
        this.query = query;
        this.idle = idle;
        this.errorChunk = errorChunk;
    }

    /** Whether the query was ended: nothing more is sent. */
    boolean done() {
        return done;
    }

    /**
     * Before the last chunk: ends the query, and when its writes could not be stored ends the call with that error
     * instead (the client must not see a complete answer for a write that is not durable). True when it did.
     */
    boolean endedNotDurable() {
        RuntimeException failure = finish();
        if (failure == null) {
            return false;
        }
        StreamErrors.end(call, Failures.normalize(failure), errorChunk);
        return true;
    }

    /** Ends the query and the call with {@code failure}; nothing when the stream had ended already. */
    void fail(ServiceException failure) {
        if (done) {
            return;
        }
        finish();
        StreamErrors.end(call, failure, errorChunk);
    }

    /**
     * Ends the query once. Returns the failure of that release, which with {@code --durability commit} means the
     * query's writes could not be stored (UNAVAILABLE), else null.
     */
    RuntimeException finish() {
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
}
