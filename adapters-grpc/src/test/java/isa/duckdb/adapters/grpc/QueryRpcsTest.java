package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteBatchResponse;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.NullValue;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.PrepareStatementResponse;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.PreparedStatementInfo;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ExecuteQuery, ExecuteStatement, ExecuteBatch and PrepareStatement as a client sees them. */
class QueryRpcsTest {
    private final UseCaseStubs stubs = new UseCaseStubs();
    private InProcessService service = InProcessService.start(stubs);

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void executeQueryHandsEveryRequestFieldToTheUseCaseAsGiven() {
        stubs.queries.opens.is(StubQuery.rows(0, 1));

        service.blocking().executeQuery(ExecuteQueryRequest.newBuilder()
                .setUserId("org-acme").setDatabaseId("db-42").setQuery("SELECT $name, ?")
                .setStatementId("stmt-7").setMaxRows(250).setTimeoutSeconds(30)
                .putParameters("text", proto().setStringValue("héllo").build())
                .putParameters("int", proto().setIntValue(-9_007_199_254_740_993L).build())
                .putParameters("double", proto().setDoubleValue(2.5).build())
                .putParameters("bool", proto().setBoolValue(true).build())
                .putParameters("bytes", proto().setBytesValue(ByteString.copyFrom(new byte[] {0, 1, -1})).build())
                .putParameters("time", proto().setTimestampValue(Timestamp.newBuilder().setSeconds(1_700_000_000)
                        .setNanos(123_456_789)).build())
                .putParameters("null", proto().setNullValue(NullValue.NULL_VALUE).build())
                .build());

        QueryCommand command = stubs.queries.commands.get(0);
        assertThat(command.caller()).isEqualTo(Caller.trusted("org-acme"));
        assertThat(command.databaseRef()).isEqualTo("db-42");
        assertThat(command.sql()).isEqualTo("SELECT $name, ?");
        assertThat(command.statementId()).isEqualTo("stmt-7");
        assertThat(command.maxRows()).isEqualTo(250);
        assertThat(command.timeoutSeconds()).isEqualTo(30);
        assertThat(command.parameters()).containsEntry("text", new Value.Text("héllo"))
                .containsEntry("int", new Value.Int(-9_007_199_254_740_993L))
                .containsEntry("double", new Value.Double(2.5))
                .containsEntry("bool", new Value.Bool(true))
                .containsEntry("time", new Value.Timestamp(Instant.ofEpochSecond(1_700_000_000, 123_456_789)))
                .containsEntry("null", Value.NULL);
        assertThat(((Value.Bytes) command.parameters().get("bytes")).value()).containsExactly(0, 1, -1);
    }

    @Test
    void executeQueryAnswersColumnsTheirTypesAndTypedRowsAndClosesTheQuery() {
        StubQuery query = StubQuery.of(List.of(new Column("n", "INTEGER"), new Column("name", "VARCHAR"),
                new Column("price", "DECIMAL(18,3)")), List.of(
                        new Value[] {new Value.Int(1), new Value.Text("apple"), new Value.Text("1.250")},
                        new Value[] {new Value.Int(2), Value.NULL, new Value.Text("0.500")}));
        stubs.queries.opens.is(query);

        ExecuteQueryResponse response = service.blocking().executeQuery(request());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getColumnsList()).containsExactly("n", "name", "price");
        assertThat(response.getColumnTypesList()).containsExactly("INTEGER", "VARCHAR", "DECIMAL(18,3)");
        assertThat(response.getRowCount()).isEqualTo(2);
        assertThat(response.getRows(0).getValues(0).getIntValue()).isEqualTo(1);
        assertThat(response.getRows(0).getValues(1).getStringValue()).isEqualTo("apple");
        assertThat(response.getRows(1).getValues(1).hasNullValue()).isTrue();
        assertThat(response.getRows(1).getValues(2).getStringValue()).isEqualTo("0.500");
        assertThat(query.isClosed()).isTrue();
    }

    @Test
    void aStatementWithoutColumnsCountsTheRowsItChanged() {
        stubs.queries.opens.is(StubQuery.statement(17));

        ExecuteQueryResponse response = service.blocking().executeQuery(request());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getColumnsCount()).isZero();
        assertThat(response.getRowCount()).isEqualTo(17);
    }

    @Test
    void aResultThatFitsInOneMessageComesWhole() {
        stubs.queries.opens.is(StubQuery.rows(3_000, 1_000));

        ExecuteQueryResponse response = service.blocking().executeQuery(request());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getRowCount()).isEqualTo(3_000);
        assertThat(response.getRows(2_999).getValues(0).getIntValue()).isEqualTo(2_999);
        assertThat((long) response.getSerializedSize()).isLessThanOrEqualTo(StreamLimits.defaults().maxUnaryResponseBytes());
    }

    @Test
    void aResultLargerThanOneMessageIsResourceExhaustedInTheBodyPointingToTheStream() {
        StubQuery query = StubQuery.rows(5_000, 1_000);
        stubs.queries.opens.is(query);

        ExecuteQueryResponse response = service.blocking().executeQuery(request());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getRowsCount()).isZero();
        assertThat(response.getError()).startsWith("RESOURCE_EXHAUSTED: the result is larger than "
                + StreamLimits.defaults().maxUnaryResponseBytes() + " bytes after ")
                .endsWith("rows; use ExecuteQueryStream or set max_rows");
        assertThat(query.isClosed()).isTrue();
    }

    @Test
    void explainAnswersThePlanWithoutOpeningTheQuery() {
        stubs.queries.plan.is("┌── SEQ_SCAN ──┐");

        ExecuteQueryResponse response = service.blocking().executeQuery(request().toBuilder().setExplain(true).build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getQueryPlan()).isEqualTo("┌── SEQ_SCAN ──┐");
        assertThat(response.getRowsCount()).isZero();
    }

    @Test
    void executeStatementHandsOverStatementIdAndParametersAndAnswersTheRowsAffected() {
        stubs.statements.affected.is(3L);

        ExecuteStatementResponse response = service.blocking().executeStatement(ExecuteStatementRequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setStatement("UPDATE t SET a = ?").setStatementId("s-1")
                .putParameters("1", proto().setIntValue(5).build()).build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getAffectedRows()).isEqualTo(3);
        assertThat(response.getMessage()).isEqualTo("3 row(s) affected");
        StatementCommand command = stubs.statements.commands.get(0);
        assertThat(command).isEqualTo(new StatementCommand(Caller.trusted("alice"), "sales", "UPDATE t SET a = ?", "s-1",
                Map.of("1", new Value.Int(5)), 0));
    }

    @Test
    void aFailedBatchAnswersEachStepAndTheFailingStatementsCodeWordAndCountsAsAnError() {
        stubs.batches.outcome.is(new BatchOutcome(List.of(new BatchOutcome.StepResult(true, 2, ""),
                new BatchOutcome.StepResult(false, 0, "ABORTED: write-write conflict")),
                "ABORTED: write-write conflict"));

        ExecuteBatchResponse response = service.blocking().executeBatch(ExecuteBatchRequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").addStatements("INSERT 1").addStatements("UPDATE 2")
                .setTransaction(true).build());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).isEqualTo("ABORTED: write-write conflict");
        assertThat(response.getResultsList()).extracting(r -> r.getSuccess(), r -> r.getAffectedRows())
                .containsExactly(tuple(true, 2), tuple(false, 0));
        assertThat(stubs.batches.commands.get(0).statements()).containsExactly("INSERT 1", "UPDATE 2");
        assertThat(stubs.batches.commands.get(0).transactional()).isTrue();
        assertThat(service.rpcMetrics.byMethod().get("isa.duckdb.DuckDBService/ExecuteBatch").errors()).isEqualTo(1);
    }

    @Test
    void prepareStatementAnswersTheStatementIdAndItsParameterTypes() {
        stubs.preparer.info.is(new PreparedStatementInfo("p-1", List.of("INTEGER", "VARCHAR")));

        PrepareStatementResponse response = service.blocking().prepareStatement(PrepareStatementRequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setStatement("SELECT ?, ?").build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getStatementId()).isEqualTo("p-1");
        assertThat(response.getParameterTypesList()).containsExactly("INTEGER", "VARCHAR");
        assertThat(stubs.preparer.calls).containsExactly(
                new UseCaseStubs.Call(Caller.trusted("alice"), "sales", "SELECT ?, ?"));
    }

    @Test
    void theUseCasesPermissionDeniedIsAStatusAndTheUseCaseGotTheEmptyUserId() {
        stubs.queries.opens.fails(new ServiceException(ErrorKind.PERMISSION_DENIED, "user_id is required"));

        assertThatThrownBy(() -> service.blocking().executeQuery(request().toBuilder().clearUserId().build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("PERMISSION_DENIED: user_id is required");
                });
        assertThat(stubs.queries.commands).extracting(QueryCommand::caller).containsExactly(Caller.trusted(""));
    }

    @Test
    void aClientCancelCancelsTheSignalTheUseCaseGot() throws Exception {
        service.close();
        service = InProcessService.startThreaded(stubs);
        CountDownLatch running = new CountDownLatch(1);
        stubs.statements.affected.by(() -> {
            running.countDown();
            CancellationSignal signal = stubs.statements.signals.get(0);
            await().atMost(10, TimeUnit.SECONDS).until(signal::isCancelled);
            throw signal.asException("the statement");
        });

        ListenableFuture<ExecuteStatementResponse> call = service.future().executeStatement(
                ExecuteStatementRequest.newBuilder().setUserId("alice").setDatabaseId("sales").setStatement("x").build());
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        call.cancel(true);

        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> stubs.statements.signals.get(0).reason() == ErrorKind.CANCELLED);
    }

    @Test
    void aPassedDeadlineIsDeadlineExceededAndFiresTheSignalWithThatReason() throws Exception {
        service.close();
        service = InProcessService.startThreaded(stubs);
        stubs.queries.opens.by(() -> {
            CancellationSignal signal = stubs.queries.signals.get(0);
            await().atMost(10, TimeUnit.SECONDS).until(signal::isCancelled);
            throw signal.asException("the query");
        });

        assertThatThrownBy(() -> service.blocking().withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                .executeQuery(request()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> stubs.queries.signals.get(0).reason() == ErrorKind.DEADLINE_EXCEEDED);
    }

    private static isa.duckdb.api.Value.Builder proto() {
        return isa.duckdb.api.Value.newBuilder();
    }

    private static ExecuteQueryRequest request() {
        return ExecuteQueryRequest.newBuilder().setUserId("alice").setDatabaseId("sales").setQuery("SELECT 1").build();
    }
}
