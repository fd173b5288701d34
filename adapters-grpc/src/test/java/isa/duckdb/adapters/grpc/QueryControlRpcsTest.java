package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.CancelQueryRequest;
import isa.duckdb.api.CancelQueryResponse;
import isa.duckdb.api.ListRunningQueriesRequest;
import isa.duckdb.api.ListRunningQueriesResponse;
import isa.duckdb.application.port.in.RunningQueryView;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryControlRpcsTest {
    private static final RunningQueryView RUNNING = new RunningQueryView("0123456789abcdef", "alice", "sales",
            "ExecuteQueryStream", "SELECT * FROM range(1e12)", Instant.parse("2026-03-01T12:00:00.250Z"),
            Duration.ofMillis(8_500), 1_234_567);

    private final UseCaseStubs stubs = new UseCaseStubs();
    private final InProcessService service = InProcessService.start(stubs);

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void listRunningQueriesAnswersEachQueryWithItsCallTenantDatabaseRpcSqlTimesAndRows() {
        stubs.control.listed.is(List.of(RUNNING));

        ListRunningQueriesResponse response = service.blocking().listRunningQueries(
                ListRunningQueriesRequest.newBuilder().setUserId("ops").build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getQueriesList()).singleElement().satisfies(q -> {
            assertThat(q.getCallId()).isEqualTo("0123456789abcdef");
            assertThat(q.getUserId()).isEqualTo("alice");
            assertThat(q.getDatabaseId()).isEqualTo("sales");
            assertThat(q.getRpc()).isEqualTo("ExecuteQueryStream");
            assertThat(q.getSql()).isEqualTo("SELECT * FROM range(1e12)");
            assertThat(q.getStartedAt().getSeconds()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z").getEpochSecond());
            assertThat(q.getStartedAt().getNanos()).isEqualTo(250_000_000);
            assertThat(q.getElapsedMs()).isEqualTo(8_500);
            assertThat(q.getRowsProduced()).isEqualTo(1_234_567);
        });
        assertThat(stubs.control.calls).singleElement()
                .satisfies(call -> assertThat(call.tenant()).isEqualTo(TenantId.of("ops")));
    }

    @Test
    void cancelQueryHandsTheCallIdToTheUseCaseAndSaysWhatItCancelled() {
        stubs.control.cancelled.is(RUNNING);

        CancelQueryResponse response = service.blocking().cancelQuery(CancelQueryRequest.newBuilder()
                .setUserId("ops").setCallId("0123456789abcdef").build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getMessage()).isEqualTo(
                "cancelled ExecuteQueryStream call 0123456789abcdef on alice/sales after 8500 ms");
        assertThat(stubs.control.calls).singleElement()
                .satisfies(call -> assertThat(call.argument()).isEqualTo("0123456789abcdef"));
    }

    @Test
    void cancellingACallThatRunsNoQueryAnswersNotFoundInTheBody() {
        stubs.control.cancelled.fails(ServiceException.notFound("no running query has call id 'feed'"));

        CancelQueryResponse response = service.blocking().cancelQuery(CancelQueryRequest.newBuilder()
                .setUserId("ops").setCallId("feed").build());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("NOT_FOUND: ");
    }

    @Test
    void bothNeedAUserId() {
        assertThatThrownBy(() -> service.blocking().listRunningQueries(ListRunningQueriesRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> service.blocking().cancelQuery(CancelQueryRequest.newBuilder().setCallId("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(stubs.control.calls).isEmpty();
    }
}
