package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.CancelQueryRequest;
import isa.duckdb.api.CancelQueryResponse;
import isa.duckdb.api.ListRunningQueriesRequest;
import isa.duckdb.api.ListRunningQueriesResponse;
import isa.duckdb.api.RunningQueryInfo;
import isa.duckdb.application.port.in.ControlQueriesUseCase;
import isa.duckdb.application.port.in.RunningQueryView;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;

/**
 * ListRunningQueries and CancelQuery (proto additions; README, "Running queries"). The caller is the request's
 * {@code user_id} (PERMISSION_DENIED without one); what it may see and cancel is the use case's decision.
 */
public final class QueryControlRpcs {
    private final ControlQueriesUseCase control;

    @Inject
    public QueryControlRpcs(ControlQueriesUseCase control) {
        this.control = control;
    }

    void listRunningQueries(ListRunningQueriesRequest request, StreamObserver<ListRunningQueriesResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            ListRunningQueriesResponse.Builder response = ListRunningQueriesResponse.newBuilder().setSuccess(true);
            control.list(TenantId.of(request.getUserId())).forEach(q -> response.addQueries(info(q)));
            return response.build();
        }, error -> ListRunningQueriesResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void cancelQuery(CancelQueryRequest request, StreamObserver<CancelQueryResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            RunningQueryView cancelled = control.cancel(TenantId.of(request.getUserId()), request.getCallId());
            return CancelQueryResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("cancelled " + cancelled.rpc() + " call " + cancelled.callId() + " on "
                            + cancelled.tenant() + "/" + cancelled.database() + " after "
                            + cancelled.elapsed().toMillis() + " ms")
                    .build();
        }, error -> CancelQueryResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    private static RunningQueryInfo info(RunningQueryView query) {
        return RunningQueryInfo.newBuilder()
                .setCallId(query.callId())
                .setUserId(query.tenant())
                .setDatabaseId(query.database())
                .setRpc(query.rpc())
                .setSql(query.sql())
                .setStartedAt(ProtoValues.timestamp(query.startedAt()))
                .setElapsedMs(query.elapsed().toMillis())
                .setRowsProduced(query.rowsProduced())
                .build();
    }
}
