package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.api.ExecuteQueryRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ExecuteQueryArrow read back as any Arrow client reads it: one IPC stream over all chunks. */
class ArrowStreamEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "arrow_user";
    private static final String DB = "columns";
    private static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;
    private static final BufferAllocator ALLOCATOR = new RootAllocator();

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, DB);
        ok(stub, USER, DB, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
        ok(stub, USER, DB, "CREATE TABLE items AS SELECT range AS id, 'item-' || range AS label,"
                + " (range / 100)::DECIMAL(15,2) AS price, DATE '2024-01-01' + (range % 365)::INTEGER AS day,"
                + " (['sad', 'ok', 'happy'])[range % 3 + 1]::mood AS mood, [range, range + 1] AS pair"
                + " FROM range(300000)");
    }

    @AfterAll
    static void release() {
        ALLOCATOR.close();
    }

    @Test
    void theChunksAreOneArrowStreamWithEveryRowAndItsTypes() throws IOException {
        Result result = read(query(USER, DB, "SELECT * FROM items ORDER BY id").build());

        assertThat(result.error).isEmpty();
        assertThat(result.rows).isEqualTo(300_000);
        assertThat(result.rowCounts).isEqualTo(300_000);
        assertThat(result.lasts).isEqualTo(1);
        assertThat(result.chunks).isGreaterThan(2);
        assertThat(result.largestChunk).isLessThanOrEqualTo(MAX_CHUNK_BYTES);
        assertThat(result.fields).extracting(Field::getName).containsExactly("id", "label", "price", "day", "mood", "pair");
        assertThat(result.firstRow).isEqualTo("0|item-0|0.00|19723|sad|[0,1]");
        assertThat(result.lastRow).isEqualTo("299999|item-299999|2999.99|20057|happy|[299999,300000]");
    }

    @Test
    void anEmptyResultIsItsSchemaAlone() throws IOException {
        Result result = read(query(USER, DB, "SELECT id, label FROM items WHERE id < 0").build());

        assertThat(result.error).isEmpty();
        assertThat(result.fields).extracting(Field::getName).containsExactly("id", "label");
        assertThat(result.rows).isZero();
        assertThat(result.lasts).isEqualTo(1);
    }

    @Test
    void maxRowsCutsTheStreamInsideABatch() throws IOException {
        Result result = read(query(USER, DB, "SELECT id FROM items ORDER BY id").setMaxRows(10_000).build());

        assertThat(result.rows).isEqualTo(10_000);
        assertThat(result.lastRow).isEqualTo("9999");
    }

    @Test
    void anErrorWhileRowsStreamEndsTheCallWithACodeWord() throws IOException {
        Result result = read(query(USER, DB, "SELECT CASE WHEN range < 100000 THEN range ELSE error('boom') END AS n"
                + " FROM range(300000)").build());

        assertThat(result.error).startsWith("INVALID_ARGUMENT").contains("boom");
        assertThat(result.lasts).isEqualTo(1);
    }

    @Test
    void aStatementWithoutRowsIsRefused() throws IOException {
        Result result = read(query(USER, DB, "CREATE TABLE nothing (i INTEGER)").build());

        assertThat(result.error).startsWith("INVALID_ARGUMENT").contains("ExecuteStatement");
    }

    private static Result read(ExecuteQueryRequest request) throws IOException {
        Result result = new Result();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Iterator<ArrowResultChunk> chunks = stub.executeQueryArrow(request);
        while (chunks.hasNext()) {
            ArrowResultChunk chunk = chunks.next();
            result.chunks++;
            result.lasts += chunk.getIsLast() ? 1 : 0;
            result.largestChunk = Math.max(result.largestChunk, chunk.getSerializedSize());
            if (!chunk.getSuccess()) {
                result.error = chunk.getError();
                return result;
            }
            result.rowCounts += chunk.getRowCount();
            chunk.getArrowIpc().writeTo(stream);
        }
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream.toByteArray()), ALLOCATOR)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            result.fields = root.getSchema().getFields();
            while (reader.loadNextBatch()) {
                for (int row = 0; row < root.getRowCount(); row++) {
                    List<String> cells = new ArrayList<>();
                    for (var vector : root.getFieldVectors()) {
                        Object value = vector.getObject(row);
                        if (vector.getField().getDictionary() != null) {
                            var labels = reader.lookup(vector.getField().getDictionary().getId()).getVector();
                            value = labels.getObject(((Number) value).intValue());
                        }
                        cells.add(String.valueOf(value));
                    }
                    String text = String.join("|", cells);
                    if (result.rows == 0) {
                        result.firstRow = text;
                    }
                    result.lastRow = text;
                    result.rows++;
                }
            }
        }
        return result;
    }

    private static final class Result {
        String error = "";
        long rows;
        long rowCounts;
        int chunks;
        int lasts;
        int largestChunk;
        List<Field> fields = List.of();
        String firstRow;
        String lastRow;
    }
}
