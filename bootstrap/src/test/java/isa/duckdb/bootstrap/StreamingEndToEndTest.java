package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.query;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import isa.duckdb.api.QueryResultChunk;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "stella";
    private static final String DB = "big";
    private static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, DB);
    }

    @Test
    void aMillionRowsArriveInBoundedChunksWithOneLast() {
        long start = System.nanoTime();
        Iterator<QueryResultChunk> chunks = stub.executeQueryStream(query(USER, DB,
                "SELECT i, i * 2 AS doubled, 'row-' || i AS label FROM range(1000000) t(i)").build());
        long rows = 0;
        long expectedNext = 0;
        int count = 0;
        int lasts = 0;
        long bytes = 0;
        long largest = 0;
        while (chunks.hasNext()) {
            QueryResultChunk chunk = chunks.next();
            assertThat(chunk.getSuccess()).isTrue();
            if (count == 0) {
                assertThat(chunk.getColumnsList()).containsExactly("i", "doubled", "label");
                assertThat(chunk.getColumnTypesList()).containsExactly("BIGINT", "BIGINT", "VARCHAR");
            }
            assertThat(chunk.getSerializedSize()).isLessThanOrEqualTo(MAX_CHUNK_BYTES);
            for (var row : chunk.getRowsList()) {
                assertThat(row.getValues(0).getIntValue()).isEqualTo(expectedNext++);
            }
            rows += chunk.getRowsCount();
            bytes += chunk.getSerializedSize();
            largest = Math.max(largest, chunk.getSerializedSize());
            lasts += chunk.getIsLast() ? 1 : 0;
            count++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(rows).isEqualTo(1_000_000);
        assertThat(lasts).isEqualTo(1);
        assertThat(count).isGreaterThan(10);
        System.out.printf("streamed %,d rows in %,d chunks (%,d bytes, largest chunk %,d bytes) in %.2f s: %,.0f rows/s%n",
                rows, count, bytes, largest, seconds, rows / seconds);
    }

    @Test
    void anEmptyResultStillSendsColumnsInItsOnlyChunk() {
        Iterator<QueryResultChunk> chunks = stub.executeQueryStream(query(USER, DB,
                "SELECT 1 AS a, 'x' AS b WHERE false").build());
        QueryResultChunk only = chunks.next();
        assertThat(only.getColumnsList()).containsExactly("a", "b");
        assertThat(only.getColumnTypesList()).containsExactly("INTEGER", "VARCHAR");
        assertThat(only.getIsLast()).isTrue();
        assertThat(only.getRowsCount()).isZero();
        assertThat(chunks.hasNext()).isFalse();
    }

    @Test
    void errorsComeAsALastChunkWithACodeWord() {
        Iterator<QueryResultChunk> chunks = stub.executeQueryStream(query(USER, DB, "SELECT * FROM missing_table").build());
        QueryResultChunk chunk = chunks.next();
        assertThat(chunk.getSuccess()).isFalse();
        assertThat(chunk.getIsLast()).isTrue();
        assertThat(chunk.getError()).startsWith("NOT_FOUND:");
        assertThat(chunks.hasNext()).isFalse();
    }

    @Test
    void cancellingTheStreamStopsTheQueryAndTheDatabaseStaysUsable() throws Exception {
        Context.CancellableContext context = Context.current().withCancellation();
        Iterator<QueryResultChunk> chunks = context.call(() -> stub.executeQueryStream(query(USER, DB,
                "SELECT i, repeat('x', 100) FROM range(1000000000) t(i)").build()));
        assertThat(chunks.next().getRowsCount()).isPositive();
        context.cancel(null);
        long start = System.nanoTime();
        assertThat(select(stub, USER, DB, "SELECT 1").getRowsCount()).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
    }
}
