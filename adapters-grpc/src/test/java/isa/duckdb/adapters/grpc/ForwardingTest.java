package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.application.port.in.DatabasePage;
import isa.duckdb.application.port.in.LocateDatabaseUseCase;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.ServingInstance;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Any instance answers any call (issue 13): two in-process servers, A and B, where B owns database {@code ledger}
 * of {@code alice}; calls sent to A get B's answers, B's use cases run them (A's none), and deadlines, cancels and
 * metadata reach B.
 */
class ForwardingTest {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final UseCaseStubs stubsOfB = new UseCaseStubs();
    private final UseCaseStubs stubsOfA = new UseCaseStubs();
    private final List<Metadata> headersAtB = new CopyOnWriteArrayList<>();
    private final List<Caller> locatedByB = new CopyOnWriteArrayList<>();
    private final OwnerChannels channelsOfA = inProcessChannels();
    private final OwnerChannels channelsOfB = inProcessChannels();
    private final InProcessService b = InProcessService.startThreaded(stubsOfB,
            new ForwardingInterceptor(new Locator("duckdb-service-b", Map.of(), locatedByB), channelsOfB),
            recording(headersAtB));
    private final List<Caller> locatedByA = new CopyOnWriteArrayList<>();
    private final Locator locatorOfA = new Locator("duckdb-service-a",
            Map.of("ledger", new ServingInstance("duckdb-service-b", b.name())), locatedByA);
    private final InProcessService a = InProcessService.startThreaded(stubsOfA,
            new ForwardingInterceptor(locatorOfA, channelsOfA));

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        channelsOfA.close();
        channelsOfB.close();
    }

    @Test
    void aQueryOnADatabaseBOwnsSentToAGetsBsAnswerWithTheCallersMetadata() {
        stubsOfB.queries.opens.by(() -> StubQuery.rows(3, 5));

        ExecuteQueryResponse viaA = a.blocking()
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer("token-of-alice")))
                .executeQuery(query("ledger", "SELECT id FROM t"));
        ExecuteQueryResponse direct = b.blocking().executeQuery(query("ledger", "SELECT id FROM t"));

        assertThat(viaA.getSuccess()).isTrue();
        assertThat(viaA.getRowsList()).isEqualTo(direct.getRowsList()).hasSize(3);
        assertThat(viaA.getColumnsList()).containsExactly("id", "payload");
        assertThat(stubsOfB.queries.commands).extracting(QueryCommand::sql).containsExactly("SELECT id FROM t",
                "SELECT id FROM t");
        assertThat(stubsOfA.queries.commands).isEmpty();
        assertThat(headersAtB.get(0).get(AUTHORIZATION)).isEqualTo("Bearer token-of-alice");
        assertThat(headersAtB.get(0).get(ForwardingInterceptor.FORWARDED_BY)).isEqualTo("duckdb-service-a");
        assertThat(locatedByA).containsExactly(Caller.trusted("alice"));
    }

    @Test
    void theForwardingInstancesCallLineNamesTheOwnerAndTheOwnersLineIsThatOfAnyCallItServes() {
        stubsOfB.queries.opens.by(() -> StubQuery.rows(3, 5));
        try (LogCapture calls = LogCapture.of("isa.duckdb.call")) {
            a.blocking().executeQuery(query("ledger", "SELECT id FROM t"));

            assertThat(calls.events()).hasSize(2).allSatisfy(line -> assertThat(pairs(line))
                    .containsEntry("rpc", "ExecuteQuery").containsEntry("database", "ledger")
                    .containsEntry("code", "OK").containsEntry("rows", 3L));
            assertThat(calls.events()).filteredOn(line -> "duckdb-service-b".equals(pairs(line).get("forwarded_to")))
                    .hasSize(1);
            assertThat(calls.events()).filteredOn(line -> !pairs(line).containsKey("forwarded_to")).hasSize(1);
        }
    }

    @Test
    void aForwardedCallKeepsItsIdAtTheOwnerSoTheCallerLogsAndOwnerAgreeOnIt() {
        stubsOfB.queries.opens.by(() -> StubQuery.rows(3, 5));
        java.util.concurrent.atomic.AtomicReference<Metadata> responseHeaders = new java.util.concurrent.atomic.AtomicReference<>();
        try (LogCapture calls = LogCapture.of("isa.duckdb.call")) {
            a.blocking().withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(responseHeaders,
                    new java.util.concurrent.atomic.AtomicReference<>())).executeQuery(query("ledger", "SELECT id FROM t"));

            String callId = responseHeaders.get().get(CallMetricsInterceptor.CALL_ID_HEADER);
            assertThat(callId).matches("[0-9a-f]{16}");
            assertThat(responseHeaders.get().getAll(CallMetricsInterceptor.CALL_ID_HEADER)).containsExactly(callId);
            assertThat(calls.events()).hasSize(2).allSatisfy(line -> assertThat(pairs(line)).containsEntry("call_id", callId));
        }
    }

    @Test
    void cancelQueryAtTheForwarderOfARunningCallIsAnsweredByTheOwner() {
        stubsOfB.queries.opens.by(() -> StubQuery.rows(30_000, 200));
        java.util.concurrent.atomic.AtomicReference<Metadata> responseHeaders = new java.util.concurrent.atomic.AtomicReference<>();
        Iterator<QueryResultChunk> stream = a.blocking().withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(
                responseHeaders, new java.util.concurrent.atomic.AtomicReference<>()))
                .executeQueryStream(query("ledger", "SELECT * FROM big"));
        stream.next();
        String callId = responseHeaders.get().get(CallMetricsInterceptor.CALL_ID_HEADER);
        stubsOfB.control.cancelled.is(new isa.duckdb.application.port.in.RunningQueryView(callId, "alice", "ledger",
                "ExecuteQueryStream", "SELECT * FROM big", java.time.Instant.now(), java.time.Duration.ofMillis(5), 200));

        isa.duckdb.api.CancelQueryResponse cancelled = a.blocking().cancelQuery(
                isa.duckdb.api.CancelQueryRequest.newBuilder().setUserId("alice").setCallId(callId).build());

        assertThat(cancelled.getSuccess()).isTrue();
        assertThat(cancelled.getMessage()).contains("call " + callId);
        assertThat(stubsOfB.control.calls).extracting(UseCaseStubs.Call::argument).containsExactly(callId);
        assertThat(stubsOfA.control.calls).isEmpty();
    }

    @Test
    void cancelQueryOfACallTheInstanceDoesNotForwardIsAnsweredWhereItArrives() {
        stubsOfA.control.cancelled.fails(new ServiceException(ErrorKind.NOT_FOUND, "no running call 00000000000000ff"));

        isa.duckdb.api.CancelQueryResponse cancelled = a.blocking().cancelQuery(
                isa.duckdb.api.CancelQueryRequest.newBuilder().setUserId("alice").setCallId("00000000000000ff").build());

        assertThat(cancelled.getSuccess()).isFalse();
        assertThat(cancelled.getError()).startsWith("NOT_FOUND");
        assertThat(stubsOfA.control.calls).extracting(UseCaseStubs.Call::argument).containsExactly("00000000000000ff");
        assertThat(stubsOfB.control.calls).isEmpty();
    }

    private static Map<String, Object> pairs(ch.qos.logback.classic.spi.ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(java.util.stream.Collectors.toMap(p -> p.key, p -> p.value));
    }

    @Test
    void aDatabaseNobodyElseServesIsServedWhereTheCallArrives() {
        stubsOfA.queries.opens.by(() -> StubQuery.rows(2, 5));

        ExecuteQueryResponse response = a.blocking().executeQuery(query("stock", "SELECT 1"));

        assertThat(response.getRowCount()).isEqualTo(2);
        assertThat(stubsOfA.queries.commands).hasSize(1);
        assertThat(stubsOfB.queries.commands).isEmpty();
    }

    @Test
    void aStreamOfManyRowsComesFromBWholeAndInOrder() {
        stubsOfB.queries.opens.by(() -> StubQuery.rows(30_000, 200));

        List<QueryResultChunk> chunks = new ArrayList<>();
        Iterator<QueryResultChunk> stream = a.blocking().executeQueryStream(query("ledger", "SELECT * FROM big"));
        stream.forEachRemaining(chunks::add);

        List<Long> ids = chunks.stream().flatMap(c -> c.getRowsList().stream())
                .map(row -> row.getValues(0).getIntValue()).toList();
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(ids).hasSize(30_000).isSorted().startsWith(0L).endsWith(29_999L);
        assertThat(chunks.get(chunks.size() - 1).getIsLast()).isTrue();
        assertThat(stubsOfA.queries.commands).isEmpty();
    }

    @Test
    void anUploadStreamGoesToBWholeAndBsAnswerComesBack() throws Exception {
        List<ImportDataRequest> messages = new ArrayList<>();
        messages.add(ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder().setUserId("alice")
                .setDatabaseId("ledger").setTableName("t").setFormat("csv")).build());
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String chunk = "row-" + i + ",".repeat(1000) + "\n";
            sent.append(chunk);
            messages.add(ImportDataRequest.newBuilder().setChunk(ByteString.copyFromUtf8(chunk)).build());
        }
        stubsOfB.uploads.next.by(() -> {
            UseCaseStubs.RecordingImport upload = new UseCaseStubs.RecordingImport();
            upload.rows.is(200L);
            return upload;
        });

        ImportDataResponse response = ImportCalls.send(a, messages);

        assertThat(response.getSuccess()).as(response.getError()).isTrue();
        assertThat(response.getRowsImported()).isEqualTo(200);
        assertThat(stubsOfB.uploads.uploads).hasSize(1);
        assertThat(stubsOfB.uploads.uploads.get(0).received.toString()).isEqualTo(sent.toString());
        assertThat(stubsOfA.uploads.begun).isEmpty();
    }

    @Test
    void bsErrorsReachTheCallerAsBSentThem() {
        stubsOfB.queries.opens.fails(ServiceException.invalid("syntax error at or near \"SELEC\""));

        ExecuteQueryResponse inBody = a.blocking().executeQuery(query("ledger", "SELEC 1"));

        assertThat(inBody.getSuccess()).isFalse();
        assertThat(inBody.getError()).isEqualTo("INVALID_ARGUMENT: syntax error at or near \"SELEC\"");

        stubsOfB.queries.opens.fails(new ServiceException(ErrorKind.PERMISSION_DENIED, "not yours"));
        assertThatThrownBy(() -> a.blocking().executeQuery(query("ledger", "SELECT 1")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("PERMISSION_DENIED: not yours");
                });
    }

    @Test
    void theCallersDeadlineReachesBAndStopsItsQuery() {
        stubsOfB.queries.opens.by(() -> {
            CancellationSignal signal = stubsOfB.queries.signals.get(0);
            await().atMost(10, TimeUnit.SECONDS).until(signal::isCancelled);
            throw signal.asException("the query");
        });

        assertThatThrownBy(() -> a.blocking().withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                .executeQuery(query("ledger", "SELECT slow()")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> stubsOfB.queries.signals.get(0).reason() == ErrorKind.DEADLINE_EXCEEDED);
        assertThat(stubsOfA.queries.signals).isEmpty();
    }

    @Test
    void aClientCancelReachesBAndCancelsItsRunningQuery() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        stubsOfB.queries.opens.by(() -> {
            running.countDown();
            CancellationSignal signal = stubsOfB.queries.signals.get(0);
            await().atMost(10, TimeUnit.SECONDS).until(signal::isCancelled);
            throw signal.asException("the query");
        });

        ListenableFuture<ExecuteQueryResponse> call = a.future().executeQuery(query("ledger", "SELECT slow()"));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        call.cancel(true);

        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> stubsOfB.queries.signals.get(0).reason() == ErrorKind.CANCELLED);
    }

    @Test
    void aForwardedCallIsNeverForwardedAgainEvenWhereTheLookupNamesAnotherOwner() {
        stubsOfA.queries.opens.by(() -> StubQuery.rows(1, 5));
        Metadata forwarded = new Metadata();
        forwarded.put(ForwardingInterceptor.FORWARDED_BY, "duckdb-service-c");

        ExecuteQueryResponse response = a.blocking()
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(forwarded))
                .executeQuery(query("ledger", "SELECT 1"));

        assertThat(response.getRowCount()).isEqualTo(1);
        assertThat(stubsOfA.queries.commands).hasSize(1);
        assertThat(stubsOfB.queries.commands).isEmpty();
        assertThat(locatedByA).as("not even looked up").isEmpty();
    }

    @Test
    void aCallNamingNoDatabaseIsNeverForwarded() {
        stubsOfA.databases.page.is(new DatabasePage(List.of(), 0, 0, 0));

        a.blocking().listDatabases(ListDatabasesRequest.newBuilder().setUserId("alice").build());

        assertThat(stubsOfA.databases.received).hasSize(1);
        assertThat(stubsOfB.databases.received).isEmpty();
        assertThat(locatedByA).isEmpty();
    }

    @Test
    void anOwnerThatCannotBeReachedIsUnavailableNamingIt() throws Exception {
        b.close();
        try (LogCapture calls = LogCapture.of("isa.duckdb.call")) {
            ownerUnreachableAnswer(calls);
        }
    }

    private void ownerUnreachableAnswer(LogCapture calls) {
        assertThatThrownBy(() -> a.blocking().executeQuery(query("ledger", "SELECT 1")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).startsWith("UNAVAILABLE: database 'ledger' is served "
                            + "by instance duckdb-service-b at " + b.name() + ", which could not be reached (")
                            .matches("(?s).*; retry shortly \\(incident [0-9a-f]{8}\\)");
                });
        assertThat(stubsOfA.queries.commands).isEmpty();
        assertThat(locatorOfA.unreachable()).as("told, so that the next call looks again")
                .containsExactly(new ServingInstance("duckdb-service-b", b.name()));
        assertThat(calls.events()).singleElement().satisfies(line -> assertThat(pairs(line))
                .containsEntry("code", "UNAVAILABLE").containsEntry("forwarded_to", "duckdb-service-b"));
    }

    private static ExecuteQueryRequest query(String database, String sql) {
        return ExecuteQueryRequest.newBuilder().setUserId("alice").setDatabaseId(database).setQuery(sql).build();
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return headers;
    }

    private static OwnerChannels inProcessChannels() {
        return new OwnerChannels(name -> InProcessChannelBuilder.forName(name).directExecutor().build());
    }

    private static ServerInterceptor recording(List<Metadata> headers) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
                    ServerCallHandler<Q, R> next) {
                headers.add(metadata);
                return next.startCall(call, metadata);
            }
        };
    }

    /** The application's answer in these tests: the databases served elsewhere, by name; the callers asked for. */
    private record Locator(String instanceId, Map<String, ServingInstance> elsewhere, List<Caller> asked,
            List<ServingInstance> unreachable) implements LocateDatabaseUseCase {
        Locator(String instanceId, Map<String, ServingInstance> elsewhere, List<Caller> asked) {
            this(instanceId, elsewhere, asked, new CopyOnWriteArrayList<>());
        }

        @Override
        public void unreachable(ServingInstance owner) {
            unreachable.add(owner);
        }

        @Override
        public Optional<ServingInstance> servedElsewhere(Caller caller, String databaseRef) {
            asked.add(caller);
            return Optional.ofNullable(elsewhere.get(databaseRef));
        }
    }
}
