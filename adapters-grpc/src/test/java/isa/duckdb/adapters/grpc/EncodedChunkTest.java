package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rows written straight into wire bytes are exactly the message the generated protobuf code would send for the
 * same cells (contract "Values" and "Values at the edges"), so clients cannot tell the two apart.
 */
class EncodedChunkTest {

    private static final List<Value> EDGES = List.of(
            Value.NULL, new Value.Bool(true), new Value.Bool(false),
            new Value.Int(0), new Value.Int(1), new Value.Int(-1), new Value.Int(127), new Value.Int(128),
            new Value.Int(Long.MAX_VALUE), new Value.Int(Long.MIN_VALUE),
            new Value.Double(0.0), new Value.Double(-0.0), new Value.Double(Double.NaN),
            new Value.Double(Double.NEGATIVE_INFINITY), new Value.Double(1e-308), new Value.Double(3.25),
            new Value.Text(""), new Value.Text("héllo 😀"), new Value.Text("x".repeat(300)),
            new Value.Text("bad \uD800 surrogate"),
            new Value.Bytes(new byte[0]), new Value.Bytes(new byte[] {0, (byte) 0xFF, 7}),
            new Value.Timestamp(Instant.EPOCH), new Value.Timestamp(Instant.parse("1969-12-31T23:59:59.5Z")),
            new Value.Timestamp(Instant.parse("2024-01-01T12:00:00Z")),
            new Value.Timestamp(Instant.parse("0001-01-01T00:00:00Z")),
            new Value.Timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z")),
            new Value.Timestamp(Instant.parse("-0043-03-15T10:00:00Z")),
            new Value.Timestamp(Instant.parse("+294246-01-01T00:00:00Z")),
            new Value.ListOf(List.of(new Value.Int(1L << 53), Value.NULL, new Value.Text("a"))),
            new Value.Struct(Map.of("k", new Value.Bytes(new byte[] {1, 2}), "😀", new Value.Double(1.5))));

    @Test
    void everyEdgeValueIsEncodedExactlyAsProtobufWouldEncodeIt() throws IOException {
        List<Value[]> rows = new ArrayList<>();
        for (int i = 0; i < EDGES.size(); i++) {
            rows.add(new Value[] {EDGES.get(i), EDGES.get(EDGES.size() - 1 - i)});
        }
        RowBatch batch = RowBatch.of(2, rows);
        List<Column> columns = List.of(new Column("a", "ANY"), new Column("ünïcode", "STRUCT(k BLOB)"));

        byte[] encoded = encode(batch, columns, true, 12.75);

        QueryResultChunk expected = QueryResultChunk.newBuilder()
                .setSuccess(true)
                .addColumns("a").addColumns("ünïcode")
                .addColumnTypes("ANY").addColumnTypes("STRUCT(k BLOB)")
                .addAllRows(List.of(ProtoRows.convert(batch)))
                .setIsLast(true)
                .setExecutionTimeMs(12.75)
                .build();
        assertThat(QueryResultChunk.parseFrom(encoded)).isEqualTo(QueryResultChunk.parseFrom(expected.toByteArray()));
        assertThat(encoded).isEqualTo(expected.toByteArray());
    }

    @Test
    void aLaterChunkCarriesNoColumnsAndIsLastOnlyWhenItIs() throws IOException {
        RowBatch batch = RowBatch.of(1, List.<Value[]>of(new Value[] {new Value.Int(5)}));

        QueryResultChunk chunk = QueryResultChunk.parseFrom(encode(batch, null, false, 0.0));

        assertThat(chunk.getSuccess()).isTrue();
        assertThat(chunk.getColumnsCount()).isZero();
        assertThat(chunk.getIsLast()).isFalse();
        assertThat(chunk.getRowsCount()).isEqualTo(1);
        assertThat(chunk.getRows(0).getValues(0).getIntValue()).isEqualTo(5);
    }

    @Test
    void textGivenAsUtf8BytesTravelsAsThoseBytes() throws IOException {
        byte[] utf8 = "naïve ☃".getBytes(StandardCharsets.UTF_8);
        RowBatch batch = new RowBatch() {
            @Override
            public int rowCount() {
                return 1;
            }

            @Override
            public int columnCount() {
                return 1;
            }

            @Override
            public void write(int column, int row, CellWriter out) {
                out.writeUtf8(ByteBuffer.wrap(utf8, 2, utf8.length - 2));
            }
        };

        QueryResultChunk chunk = QueryResultChunk.parseFrom(encode(batch, null, true, 1.0));

        assertThat(chunk.getRows(0).getValues(0).getStringValue()).isEqualTo("ïve ☃");
    }

    private static byte[] encode(RowBatch batch, List<Column> columns, boolean last, double millis)
            throws IOException {
        EncodedChunk.Builder builder = new EncodedChunk.Builder(16);
        if (columns != null) {
            builder.columns(columns);
        }
        WireRow row = new WireRow();
        for (int r = 0; r < batch.rowCount(); r++) {
            row.clear();
            for (int c = 0; c < batch.columnCount(); c++) {
                batch.write(c, r, row);
            }
            builder.addRow(row);
        }
        EncodedChunk chunk = builder.build(last, millis);
        byte[] bytes = chunk.stream().readAllBytes();
        assertThat(bytes).hasSize(chunk.serializedSize());
        return bytes;
    }
}
