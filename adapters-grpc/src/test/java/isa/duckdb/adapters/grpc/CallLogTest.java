package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ListViewsRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.BatchOutcome.StepResult;
import isa.duckdb.application.port.out.ServedCall;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The line each finished call logs, the slow-query line, and the call id the core and the client see. */
class CallLogTest {
    private final UseCaseStubs stubs = new UseCaseStubs();
    private final LogCapture calls = LogCapture.of("isa.duckdb.call");
    private final LogCapture slow = LogCapture.of("isa.duckdb.slow_query");
    private InProcessService service;

    @AfterEach
    void stop() throws Exception {
        calls.close();
        slow.close();
        if (service != null) {
            service.close();
        }
    }

    private static Map<String, Object> pairs(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
    }

    @Test
    void aFinishedCallLogsOneLineWithItsIdRpcTenantDatabaseCodeDurationAndRows() {
        service = InProcessService.start(stubs);
        AtomicReference<ServedCall> seenByTheCore = new AtomicReference<>();
        stubs.statements.affected.by(() -> {
            seenByTheCore.set(new GrpcCurrentCallAdapter().get());
            return 42L;
        });
        AtomicReference<Metadata> headers = new AtomicReference<>();

        service.blocking().withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
                .executeStatement(ExecuteStatementRequest.newBuilder().setUserId("alice").setDatabaseId("sales")
                        .setStatement("DELETE FROM orders").build());

        assertThat(calls.events()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getMessage()).isEqualTo("call finished");
            Map<String, Object> pairs = pairs(line);
            assertThat(pairs).containsEntry("rpc", "ExecuteStatement").containsEntry("tenant", "alice")
                    .containsEntry("database", "sales").containsEntry("code", "OK").containsEntry("rows", 42L)
                    .containsKey("duration_ms").doesNotContainKey("sql");
            assertThat((String) pairs.get("call_id")).matches("[0-9a-f]{16}")
                    .isEqualTo(headers.get().get(CallMetricsInterceptor.CALL_ID_HEADER))
                    .isEqualTo(seenByTheCore.get().callId());
        });
        assertThat(seenByTheCore.get().rpc()).isEqualTo("ExecuteStatement");
        assertThat(slow.events()).isEmpty();
    }

    @Test
    void aCallAnsweredWithAnErrorBodyLogsTheCodeWordItsErrorStartsWith() {
        service = InProcessService.start(stubs);
        stubs.statements.affected.fails(ServiceException.notFound("table 'orders' does not exist"));

        service.blocking().executeStatement(ExecuteStatementRequest.newBuilder().setUserId("alice")
                .setDatabaseId("sales").setStatement("DELETE FROM orders").build());

        assertThat(calls.events()).singleElement().satisfies(line -> assertThat(pairs(line))
                .containsEntry("code", "NOT_FOUND").containsEntry("rows", 0L));
    }

    @Test
    void aFailedBatchLogsItsFirstFailingStatementsCodeAndTheRowsTheOthersAffected() {
        service = InProcessService.start(stubs);
        stubs.batches.outcome.is(new BatchOutcome(List.of(new StepResult(true, 3, ""),
                new StepResult(false, 0, "ALREADY_EXISTS: table 'x' already exists")), "1 of 2 statements failed"));

        service.blocking().executeBatch(ExecuteBatchRequest.newBuilder().setUserId("alice").setDatabaseId("sales")
                .addStatements("INSERT INTO t VALUES (1), (2), (3)").addStatements("CREATE TABLE x (i INT)").build());

        assertThat(calls.events()).singleElement().satisfies(line -> assertThat(pairs(line))
                .containsEntry("code", "ALREADY_EXISTS").containsEntry("rows", 3L));
    }

    @Test
    void aStatusFailureLogsTheStatusCode() {
        service = InProcessService.start(stubs);

        assertThatThrownBy(() -> service.blocking().listViews(ListViewsRequest.newBuilder().setDatabaseId("sales")
                .build())).isInstanceOf(StatusRuntimeException.class);

        assertThat(calls.events()).singleElement().satisfies(line -> assertThat(pairs(line))
                .containsEntry("code", "PERMISSION_DENIED").containsEntry("tenant", ""));
    }

    @Test
    void aStreamLogsTheRowsOfAllItsChunks() {
        service = InProcessService.start(stubs);
        stubs.queries.opens.is(StubQuery.rows(50_000, 40));

        Iterator<QueryResultChunk> chunks = service.blocking().executeQueryStream(ExecuteQueryRequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setQuery("SELECT * FROM big").build());
        chunks.forEachRemaining(chunk -> { });

        assertThat(calls.events()).singleElement().satisfies(line -> assertThat(pairs(line))
                .containsEntry("rpc", "ExecuteQueryStream").containsEntry("code", "OK").containsEntry("rows", 50_000L));
    }

    @Test
    void aCallWithSqlAtTheSlowQueryThresholdAlsoLogsItsSqlCutToAThousandCharacters() {
        service = InProcessService.start(stubs, Duration.ZERO);
        stubs.queries.opens.is(StubQuery.rows(1, 1));
        String sql = "SELECT * FROM orders WHERE note = '" + "n".repeat(2_000) + "'";

        service.blocking().executeQuery(ExecuteQueryRequest.newBuilder().setUserId("alice").setDatabaseId("sales")
                .setQuery(sql).build());

        assertThat(slow.events()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getMessage()).isEqualTo("slow query");
            assertThat(pairs(line)).containsEntry("rpc", "ExecuteQuery").containsEntry("tenant", "alice")
                    .containsEntry("rows", 1L)
                    .containsEntry("call_id", pairs(calls.events().get(0)).get("call_id"));
            assertThat((String) pairs(line).get("sql")).hasSize(1_000).startsWith("SELECT * FROM orders WHERE");
        });
    }

    @Test
    void callsWithoutSqlOrFasterThanTheThresholdLogNoSlowQueryLine() {
        CallLog log = new CallLog(Duration.ofSeconds(1));

        log.finished(new FinishedCall("00000000000000aa", "ExecuteQuery", "alice", "sales", "OK",
                Duration.ofMillis(999), 1, "SELECT 1"));
        log.finished(new FinishedCall("00000000000000bb", "GetMetrics", "", "", "OK", Duration.ofSeconds(5), 0, ""));
        log.finished(new FinishedCall("00000000000000cc", "ExecuteQuery", "alice", "sales", "OK",
                Duration.ofMillis(1_000), 1, "SELECT 2"));

        assertThat(calls.events()).hasSize(3);
        assertThat(slow.events()).singleElement().satisfies(line -> assertThat(pairs(line))
                .containsEntry("call_id", "00000000000000cc").containsEntry("sql", "SELECT 2"));
    }

    @Test
    void noLineCarriesTheRequestsParameters() {
        service = InProcessService.start(stubs, Duration.ZERO);
        stubs.queries.opens.is(StubQuery.rows(1, 1));

        service.blocking().executeQuery(ExecuteQueryRequest.newBuilder().setUserId("alice").setDatabaseId("sales")
                .setQuery("SELECT $secret").putParameters("secret", isa.duckdb.api.Value.newBuilder()
                        .setStringValue("hunter2").build()).build());

        assertThat(calls.events()).hasSize(1);
        assertThat(slow.events()).hasSize(1);
        for (ILoggingEvent line : List.of(calls.events().get(0), slow.events().get(0))) {
            assertThat(line.getKeyValuePairs().toString() + line.getFormattedMessage()).doesNotContain("hunter2");
        }
    }
}
