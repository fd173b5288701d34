package isa.duckdb.adapters.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * ExecuteQueryStream: rows in chunks of about {@link StreamLimits#targetChunkBytes()} (never over
 * {@link StreamLimits#maxChunkBytes()}), produced only as fast as the client reads ({@link QueryStreamer}).
 * A failure before the first chunk is one error chunk ({@code success=false}, {@code is_last}) or, for the
 * kinds the contract sends as a status, that status. A client cancel cancels the query's signal.
 */
public final class QueryStreamRpcs {
    private final ExecuteQueryUseCase queries;
    private final StreamLimits limits;
    private final StreamStats stats;
    private final StreamTimers timers;

    /** @param timers run the streams' idle timers and end a stream whose query was stopped */
    @Inject
    public QueryStreamRpcs(ExecuteQueryUseCase queries, StreamLimits limits, StreamStats stats, StreamTimers timers) {
        this.timers = timers;
        this.queries = queries;
        this.limits = limits;
        this.stats = stats;
    }

    void executeQueryStream(ExecuteQueryRequest request, StreamObserver<QueryResultChunk> observer) {
        long start = System.nanoTime();
        ServerCallStreamObserver<QueryResultChunk> call = (ServerCallStreamObserver<QueryResultChunk>) observer;
        CancellationSignal signal = CallSignals.forCurrentCall();
        OpenQuery query = open(request, signal, call, error -> QueryStreamer.errorChunk(error, Millis.since(start)));
        if (query == null) {
            return;
        }
        QueryStreamer streamer = new QueryStreamer(call, query, limits, start, stats, timers);
        call.setOnCancelHandler(() -> {
            signal.cancel(ErrorKind.CANCELLED);
            streamer.cancelled();
        });
        endWhenStopped(signal, () -> streamer.fail(signal.asException("the query")));
        call.setOnReadyHandler(streamer::drain);
        streamer.drain();
    }

    /**
     * ExecuteQueryArrow: the same query as {@link #executeQueryStream} (parameters, max_rows, timeout,
     * cancellation), its result as one Arrow IPC stream in chunks ({@link ArrowStreamer}).
     */
    void executeQueryArrow(ExecuteQueryRequest request, StreamObserver<ArrowResultChunk> observer) {
        ServerCallStreamObserver<ArrowResultChunk> call = (ServerCallStreamObserver<ArrowResultChunk>) observer;
        CancellationSignal signal = CallSignals.forCurrentCall();
        OpenQuery query = open(request, signal, call, ArrowStreamer::errorChunk);
        if (query == null) {
            return;
        }
        ArrowStreamer streamer = new ArrowStreamer(call, query, limits, stats, timers);
        call.setOnCancelHandler(() -> {
            signal.cancel(ErrorKind.CANCELLED);
            streamer.cancelled();
        });
        endWhenStopped(signal, () -> streamer.fail(signal.asException("the query")));
        call.setOnReadyHandler(streamer::drain);
        streamer.drain();
    }

    /**
     * A query stopped while its client reads nothing (its timeout, CancelQuery, the memory guard) ends its stream
     * and frees its engine resources at once rather than when the client next reads. Runs on the timer thread: the
     * canceller (e.g. the memory guard) never waits for the stream.
     */
    private void endWhenStopped(CancellationSignal signal, Runnable end) {
        signal.onCancel(() -> timers.execute(end));
    }

    /** The running query, or null when it failed to start and the call was answered with the failure. */
    private <C> OpenQuery open(ExecuteQueryRequest request, CancellationSignal signal, StreamObserver<C> call,
            Function<String, C> errorChunk) {
        try {
            if (request.getExplain()) {
                throw ServiceException.invalid("explain is answered by ExecuteQuery, not by a stream");
            }
            return queries.open(QueryRpcs.command(request), signal);
        } catch (RuntimeException e) {
            StreamErrors.end(call, Failures.normalize(e), errorChunk);
            return null;
        }
    }
}
