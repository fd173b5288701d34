package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.BatchResult;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteBatchResponse;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.PrepareStatementResponse;
import isa.duckdb.api.Row;
import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.PrepareStatementUseCase;
import isa.duckdb.application.port.in.PreparedStatementInfo;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The unary SQL RPCs: ExecuteQuery (all rows in one response, at most
 * {@link StreamLimits#maxUnaryResponseBytes()}, else RESOURCE_EXHAUSTED), ExecuteStatement, ExecuteBatch and
 * PrepareStatement. Each call's {@link CancellationSignal} fires when the client cancels or its deadline passes.
 */
public final class QueryRpcs {
    private final ExecuteQueryUseCase queries;
    private final ExecuteStatementUseCase statements;
    private final ExecuteBatchUseCase batches;
    private final PrepareStatementUseCase preparer;
    private final StreamLimits limits;

    @Inject
    public QueryRpcs(ExecuteQueryUseCase queries, ExecuteStatementUseCase statements, ExecuteBatchUseCase batches,
            PrepareStatementUseCase preparer, StreamLimits limits) {
        this.queries = queries;
        this.statements = statements;
        this.batches = batches;
        this.preparer = preparer;
        this.limits = limits;
    }

    void executeQuery(ExecuteQueryRequest request, StreamObserver<ExecuteQueryResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            QueryCommand command = command(request);
            CancellationSignal signal = CallSignals.forCurrentCall();
            if (request.getExplain()) {
                return ExecuteQueryResponse.newBuilder()
                        .setSuccess(true)
                        .setQueryPlan(queries.explain(command, signal))
                        .setExecutionTimeMs(Millis.since(start))
                        .build();
            }
            try (OpenQuery query = queries.open(command, signal)) {
                return collect(query, start);
            }
        }, error -> ExecuteQueryResponse.newBuilder().setSuccess(false).setError(error)
                .setExecutionTimeMs(Millis.since(start)).build());
    }

    /** {@code row_count} is the number of rows, or for a statement without columns the rows it affected. */
    private ExecuteQueryResponse collect(OpenQuery query, long start) {
        ExecuteQueryResponse.Builder response = ExecuteQueryResponse.newBuilder().setSuccess(true);
        for (Column column : query.columns()) {
            response.addColumns(column.name()).addColumnTypes(column.type());
        }
        List<Row> rows = UnaryRows.collect(query, limits);
        long affected = query.affectedRows();
        return response.addAllRows(rows)
                .setRowCount(query.columns().isEmpty() ? clamp(affected) : rows.size())
                .setExecutionTimeMs(Millis.since(start))
                .build();
    }

    void executeStatement(ExecuteStatementRequest request, StreamObserver<ExecuteStatementResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            long affected = statements.execute(new StatementCommand(Principals.caller(request.getUserId()),
                    request.getDatabaseId(), request.getStatement(), request.getStatementId(),
                    ProtoValues.parameters(request.getParametersMap()), 0), CallSignals.forCurrentCall());
            return ExecuteStatementResponse.newBuilder()
                    .setSuccess(true)
                    .setAffectedRows(clamp(affected))
                    .setMessage(affected + " row(s) affected")
                    .setExecutionTimeMs(Millis.since(start))
                    .build();
        }, error -> ExecuteStatementResponse.newBuilder().setSuccess(false).setError(error)
                .setExecutionTimeMs(Millis.since(start)).build());
    }

    /** A failed batch is an answer ({@code success=false}, the failing statement's code word), counted as an error. */
    void executeBatch(ExecuteBatchRequest request, StreamObserver<ExecuteBatchResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            BatchOutcome outcome = batches.execute(new BatchCommand(Principals.caller(request.getUserId()),
                    request.getDatabaseId(), request.getStatementsList(), request.getTransaction()),
                    CallSignals.forCurrentCall());
            if (!outcome.success()) {
                CallRecord.markFailed();
            }
            ExecuteBatchResponse.Builder response = ExecuteBatchResponse.newBuilder()
                    .setSuccess(outcome.success())
                    .setError(outcome.error())
                    .setTotalExecutionTimeMs(Millis.since(start));
            outcome.steps().forEach(step -> response.addResults(BatchResult.newBuilder()
                    .setSuccess(step.success())
                    .setAffectedRows(clamp(step.affectedRows()))
                    .setError(step.error())));
            return response.build();
        }, error -> ExecuteBatchResponse.newBuilder().setSuccess(false).setError(error)
                .setTotalExecutionTimeMs(Millis.since(start)).build());
    }

    void prepareStatement(PrepareStatementRequest request, StreamObserver<PrepareStatementResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            PreparedStatementInfo info = preparer.prepare(Principals.caller(request.getUserId()), request.getDatabaseId(),
                    request.getStatement());
            return PrepareStatementResponse.newBuilder()
                    .setSuccess(true)
                    .setStatementId(info.statementId())
                    .addAllParameterTypes(info.parameterTypes())
                    .build();
        }, error -> PrepareStatementResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    /** The use case's command for ExecuteQuery and ExecuteQueryStream; fails PERMISSION_DENIED without user_id. */
    static QueryCommand command(ExecuteQueryRequest request) {
        return new QueryCommand(Principals.caller(request.getUserId()), request.getDatabaseId(), request.getQuery(),
                request.getStatementId(), ProtoValues.parameters(request.getParametersMap()), request.getMaxRows(),
                request.getTimeoutSeconds());
    }

    private static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
