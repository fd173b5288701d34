package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import isa.duckdb.adapters.grpc.CallMetricsInterceptor;
import isa.duckdb.api.CancelQueryRequest;
import isa.duckdb.api.CancelQueryResponse;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ListRunningQueriesRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.RunningQueryInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ListRunningQueries and CancelQuery against real DuckDB, from a second connection. */
class RunningQueriesEndToEndTest extends SharedServiceEndToEnd {
    /** A trillion rows to count: runs far longer than any test waits. */
    private static final String LONG_QUERY = "SELECT count(*) FROM range(1000000) a, range(1000000) b";
    private static ManagedChannel operator;
    private static DuckDBServiceBlockingStub ops;

    @BeforeAll
    static void connectTheOperator() {
        createDatabase(stub, "runner", "analytics");
        operator = NettyChannelBuilder.forAddress("127.0.0.1", service.runtime.port()).usePlaintext().build();
        ops = DuckDBServiceGrpc.newBlockingStub(operator);
    }

    @AfterAll
    static void disconnectTheOperator() throws InterruptedException {
        operator.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static List<RunningQueryInfo> running() {
        return ops.listRunningQueries(ListRunningQueriesRequest.newBuilder().setUserId("operator").build())
                .getQueriesList();
    }

    @Test
    void aLongQueryIsListedFromAnotherConnectionAndCancellingItAnswersItsCallerCancelled() throws Exception {
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Instant before = Instant.now();
        ListenableFuture<ExecuteQueryResponse> call = DuckDBServiceGrpc.newFutureStub(service.channel)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
                .executeQuery(query("runner", "analytics", LONG_QUERY).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> !running().isEmpty());
        RunningQueryInfo listed = running().get(0);
        assertThat(listed.getRpc()).isEqualTo("ExecuteQuery");
        assertThat(listed.getUserId()).isEqualTo("runner");
        assertThat(listed.getDatabaseId()).isEqualTo("analytics");
        assertThat(listed.getSql()).isEqualTo(LONG_QUERY);
        assertThat(listed.getCallId()).matches("[0-9a-f]{16}");
        assertThat(listed.getStartedAt().getSeconds()).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(listed.getElapsedMs()).isNotNegative();

        CancelQueryResponse cancelled = ops.cancelQuery(CancelQueryRequest.newBuilder().setUserId("operator")
                .setCallId(listed.getCallId()).build());

        assertThat(cancelled.getSuccess()).as(cancelled.getError()).isTrue();
        assertThat(cancelled.getMessage()).startsWith("cancelled ExecuteQuery call " + listed.getCallId()
                + " on runner/analytics after ");
        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED);
                    assertThat(e.getStatus().getDescription()).contains("cancelled by CancelQuery (call "
                            + listed.getCallId() + ")");
                });
        assertThat(trailers.get().get(CallMetricsInterceptor.CALL_ID_HEADER)).as("the call id the caller was told")
                .isEqualTo(listed.getCallId());
        await().atMost(Duration.ofSeconds(10)).until(() -> running().isEmpty());
        assertThat(ops.cancelQuery(CancelQueryRequest.newBuilder().setUserId("operator").setCallId(listed.getCallId())
                .build()).getError()).startsWith("NOT_FOUND: ");
    }

    @Test
    void aStreamHeldByASlowReaderShowsTheRowsItProducedAndCancellingItEndsTheStreamCancelled() {
        Iterator<QueryResultChunk> chunks = stub.executeQueryStream(query("runner", "analytics",
                "SELECT i, 'row ' || i AS label FROM range(100000000) t(i)").build());
        assertThat(chunks.next().getRowsCount()).isPositive();

        RunningQueryInfo listed = await().atMost(Duration.ofSeconds(30)).until(
                () -> running().stream().filter(q -> q.getRpc().equals("ExecuteQueryStream")).findFirst().orElse(null),
                q -> q != null && q.getRowsProduced() > 0);
        ops.cancelQuery(CancelQueryRequest.newBuilder().setUserId("operator").setCallId(listed.getCallId()).build());

        assertThatThrownBy(() -> chunks.forEachRemaining(chunk -> { }))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
    }
}
