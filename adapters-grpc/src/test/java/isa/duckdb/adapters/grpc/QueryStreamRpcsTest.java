package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ExecuteQueryStream as a client sees it: chunk sizes, the last chunk, errors, flow control, cancellation. */
class QueryStreamRpcsTest {
    private static final long MIB = 1024 * 1024;
    private static final StreamLimits LIMITS = StreamLimits.defaults();

    private final UseCaseStubs stubs = new UseCaseStubs();
    private final InProcessService service = InProcessService.start(stubs);

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aLargeResultComesInChunksOfAboutOneMebibyteInOrder() {
        stubs.queries.opens.is(StubQuery.rows(20_000, 1_000));

        List<QueryResultChunk> chunks = stream(request());

        assertThat(chunks).hasSizeGreaterThan(15);
        for (QueryResultChunk chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat((long) chunk.getSerializedSize()).isBetween(MIB - 4 * 1024, MIB + 1024);
        }
        List<Long> ids = chunks.stream().flatMap(c -> c.getRowsList().stream())
                .map(row -> row.getValues(0).getIntValue()).toList();
        assertThat(ids).hasSize(20_000).isSorted().startsWith(0L).endsWith(19_999L);
        assertThat(service.streamStats.rows()).isEqualTo(20_000);
        assertThat(service.streamStats.chunks()).isEqualTo(chunks.size());
        assertThat(service.streamStats.largestChunkBytes()).isLessThanOrEqualTo(MIB + 1024);
    }

    @Test
    void exactlyOneChunkIsLastItIsTheFinalOneAndOnlyTheFirstCarriesTheColumns() {
        stubs.queries.opens.is(StubQuery.rows(5_000, 1_000));

        List<QueryResultChunk> chunks = stream(request());

        assertThat(chunks).filteredOn(QueryResultChunk::getIsLast).hasSize(1);
        assertThat(chunks.get(chunks.size() - 1).getIsLast()).isTrue();
        assertThat(chunks).allMatch(QueryResultChunk::getSuccess);
        assertThat(chunks.get(0).getColumnsList()).containsExactly("id", "payload");
        assertThat(chunks.get(0).getColumnTypesList()).containsExactly("BIGINT", "VARCHAR");
        assertThat(chunks.subList(1, chunks.size())).allMatch(chunk -> chunk.getColumnsCount() == 0);
    }

    @Test
    void anEmptyResultIsOneLastChunkThatStillCarriesTheColumns() {
        stubs.queries.opens.is(StubQuery.rows(0, 10));

        List<QueryResultChunk> chunks = stream(request());

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).getSuccess()).isTrue();
        assertThat(chunks.get(0).getIsLast()).isTrue();
        assertThat(chunks.get(0).getRowsCount()).isZero();
        assertThat(chunks.get(0).getColumnsList()).containsExactly("id", "payload");
    }

    @Test
    void rowsLargerThanTheTargetTravelOneToAChunkUnderTheHardLimit() {
        stubs.queries.opens.is(StubQuery.rows(3, (int) (2.5 * MIB)));

        List<QueryResultChunk> chunks = stream(request());

        assertThat(chunks).hasSize(3).allMatch(chunk -> chunk.getRowsCount() == 1)
                .allMatch(chunk -> chunk.getSerializedSize() <= LIMITS.maxChunkBytes());
    }

    @Test
    void aRowLargerThanTheHardLimitEndsTheStreamWithResourceExhaustedNeverAGiantMessage() {
        StubQuery query = StubQuery.rows(2, (int) (5 * MIB));
        stubs.queries.opens.is(query);

        List<QueryResultChunk> chunks = stream(request());

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).getSuccess()).isFalse();
        assertThat(chunks.get(0).getIsLast()).isTrue();
        assertThat(chunks.get(0).getError()).startsWith("RESOURCE_EXHAUSTED: a single row is ")
                .endsWith("more than the " + LIMITS.maxChunkBytes() + "-byte message limit");
        assertThat(query.isClosed()).isTrue();
    }

    @Test
    void aFailureBeforeTheFirstChunkIsOneErrorChunk() {
        stubs.queries.opens.fails(ServiceException.notFound("database 'sales' does not exist for user 'alice'"));

        List<QueryResultChunk> chunks = stream(request());

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).getSuccess()).isFalse();
        assertThat(chunks.get(0).getIsLast()).isTrue();
        assertThat(chunks.get(0).getError()).isEqualTo("NOT_FOUND: database 'sales' does not exist for user 'alice'");
        assertThat(service.rpcMetrics.byMethod().get("isa.duckdb.DuckDBService/ExecuteQueryStream").errors())
                .isEqualTo(1);
    }

    @Test
    void aFailureAfterTheFirstChunkEndsTheStreamWithAnErrorChunkMarkedLast() {
        StubQuery query = StubQuery.rows(100_000, 1_000)
                .failingAfter(3 * RowChunker.FETCH_ROWS, new ServiceException(ErrorKind.ABORTED, "conflict"));
        stubs.queries.opens.is(query);

        List<QueryResultChunk> chunks = stream(request());

        QueryResultChunk last = chunks.get(chunks.size() - 1);
        assertThat(chunks.subList(0, chunks.size() - 1)).isNotEmpty()
                .allMatch(chunk -> chunk.getSuccess() && !chunk.getIsLast());
        assertThat(last.getSuccess()).isFalse();
        assertThat(last.getIsLast()).isTrue();
        assertThat(last.getError()).isEqualTo("ABORTED: conflict");
        assertThat(query.isClosed()).isTrue();
    }

    @Test
    void theUseCasesPermissionDeniedIsAStatusNotAChunk() {
        stubs.queries.opens.fails(new ServiceException(ErrorKind.PERMISSION_DENIED, "user_id is required"));

        assertThatThrownBy(() -> stream(request().toBuilder().clearUserId().build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void explainIsRefusedOnTheStream() {
        List<QueryResultChunk> chunks = stream(request().toBuilder().setExplain(true).build());

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).getError())
                .isEqualTo("INVALID_ARGUMENT: explain is answered by ExecuteQuery, not by a stream");
    }

    @Test
    void aReaderThatAsksForNothingMoreHoldsTheProducerBack() {
        StubQuery query = StubQuery.rows(100_000, 1_000);
        stubs.queries.opens.is(query);
        ManualReader reader = ManualReader.start(service, request());

        reader.call.request(1);
        await().until(() -> reader.chunks.size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> query.rowsHandedOut() <= rowsReceived(reader) + RowChunker.FETCH_ROWS);
        long afterOne = query.rowsHandedOut();
        reader.call.request(1);
        await().until(() -> reader.chunks.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> query.rowsHandedOut() <= rowsReceived(reader) + RowChunker.FETCH_ROWS);
        long afterTwo = query.rowsHandedOut();

        assertThat(rowsReceived(reader)).isLessThan(100_000);
        assertThat(afterTwo).isGreaterThan(afterOne).isLessThanOrEqualTo(rowsReceived(reader) + RowChunker.FETCH_ROWS);
        reader.call.request(Integer.MAX_VALUE);
        await().until(() -> reader.status.get() != null);
        assertThat(reader.status.get().isOk()).isTrue();
        assertThat(query.rowsHandedOut()).isEqualTo(100_000);
        assertThat(query.isClosed()).isTrue();
    }

    @Test
    void aClientCancelCancelsTheQuerysSignalAndClosesTheQuery() {
        StubQuery query = StubQuery.rows(100_000, 1_000);
        stubs.queries.opens.is(query);
        ManualReader reader = ManualReader.start(service, request());
        reader.call.request(1);
        await().until(() -> reader.chunks.size() == 1);

        reader.call.cancel("the client lost interest", null);

        await().until(query::isClosed);
        assertThat(stubs.queries.signals.get(0).reason()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(query.rowsHandedOut()).isLessThan(100_000);
    }

    private List<QueryResultChunk> stream(ExecuteQueryRequest request) {
        List<QueryResultChunk> chunks = new ArrayList<>();
        service.blocking().executeQueryStream(request).forEachRemaining(chunks::add);
        return chunks;
    }

    private static ExecuteQueryRequest request() {
        return ExecuteQueryRequest.newBuilder().setUserId("alice").setDatabaseId("sales").setQuery("SELECT *").build();
    }

    /** A client that takes chunks only when the test asks for them (gRPC flow control, no automatic requests). */
    /** Rows in the chunks the reader got so far. */
    private static long rowsReceived(ManualReader reader) {
        return reader.chunks.stream().mapToLong(QueryResultChunk::getRowsCount).sum();
    }

    private static final class ManualReader extends ClientCall.Listener<QueryResultChunk> {
        final List<QueryResultChunk> chunks = new CopyOnWriteArrayList<>();
        final AtomicReference<Status> status = new AtomicReference<>();
        ClientCall<ExecuteQueryRequest, QueryResultChunk> call;

        static ManualReader start(InProcessService service, ExecuteQueryRequest request) {
            ManualReader reader = new ManualReader();
            reader.call = service.channel().newCall(DuckDBServiceGrpc.getExecuteQueryStreamMethod(), CallOptions.DEFAULT);
            reader.call.start(reader, new Metadata());
            reader.call.sendMessage(request);
            reader.call.halfClose();
            return reader;
        }

        @Override
        public void onMessage(QueryResultChunk message) {
            chunks.add(message);
        }

        @Override
        public void onClose(Status closed, Metadata trailers) {
            status.set(closed);
        }
    }
}
