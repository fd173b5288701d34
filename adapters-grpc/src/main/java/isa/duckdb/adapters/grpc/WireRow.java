package isa.duckdb.adapters.grpc;

import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One result row written straight into the wire bytes of a {@code Row} message ({@code repeated Value values = 1}),
 * cell by cell, without building a protobuf object per cell: the bytes are the ones the generated
 * {@code Row.toByteArray()} writes for the same values (the mapping of {@link ProtoRows}: contract "Values" and
 * "Values at the edges"). Reused row after row; not thread-safe.
 */
final class WireRow implements CellWriter {
    private static final int VALUES = 1;
    private static final int STRING_VALUE = 1;
    private static final int INT_VALUE = 2;
    private static final int DOUBLE_VALUE = 3;
    private static final int BOOL_VALUE = 4;
    private static final int BYTES_VALUE = 5;
    private static final int TIMESTAMP_VALUE = 6;
    private static final int NULL_VALUE = 8;
    private static final int TIMESTAMP_SECONDS = 1;
    private static final int TIMESTAMP_NANOS = 2;

    private final WireBuffer row = new WireBuffer(512);

    /** Forgets the previous row. */
    void clear() {
        row.clear();
    }

    /** The row's bytes: the body of a {@code Row} message. */
    WireBuffer bytes() {
        return row;
    }

    @Override
    public void writeNull() {
        value(2);
        row.tag(NULL_VALUE, WireBuffer.VARINT);
        row.varint(0);
    }

    @Override
    public void writeBool(boolean value) {
        value(2);
        row.tag(BOOL_VALUE, WireBuffer.VARINT);
        row.varint(value ? 1 : 0);
    }

    @Override
    public void writeLong(long value) {
        value(1 + WireBuffer.varintSize(value));
        row.tag(INT_VALUE, WireBuffer.VARINT);
        row.varint(value);
    }

    @Override
    public void writeDouble(double value) {
        value(9);
        row.tag(DOUBLE_VALUE, WireBuffer.I64);
        row.fixed64(Double.doubleToRawLongBits(value));
    }

    @Override
    public void writeText(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        lengthDelimitedValue(STRING_VALUE, utf8.length);
        row.raw(utf8, 0, utf8.length);
    }

    @Override
    public void writeUtf8(ByteBuffer utf8) {
        lengthDelimitedValue(STRING_VALUE, utf8.remaining());
        row.raw(utf8);
    }

    @Override
    public void writeBytes(ByteBuffer value) {
        lengthDelimitedValue(BYTES_VALUE, value.remaining());
        row.raw(value);
    }

    @Override
    public void writeTimestamp(long epochSecond, int nanos) {
        if (!ProtoRows.fitsProtobufTimestamp(epochSecond)) {
            writeText(Instant.ofEpochSecond(epochSecond, nanos).toString());
            return;
        }
        int timestampBytes = (epochSecond != 0 ? 1 + WireBuffer.varintSize(epochSecond) : 0)
                + (nanos != 0 ? 1 + WireBuffer.varintSize(nanos) : 0);
        lengthDelimitedValue(TIMESTAMP_VALUE, timestampBytes);
        if (epochSecond != 0) {
            row.tag(TIMESTAMP_SECONDS, WireBuffer.VARINT);
            row.varint(epochSecond);
        }
        if (nanos != 0) {
            row.tag(TIMESTAMP_NANOS, WireBuffer.VARINT);
            row.varint(nanos);
        }
    }

    @Override
    public void writeNested(Value value) {
        isa.duckdb.api.Value.Builder nested = isa.duckdb.api.Value.newBuilder();
        ProtoValues.nested(value, nested);
        byte[] body = nested.build().toByteArray();
        row.lengthDelimited(VALUES, body, 0, body.length);
    }

    /** Starts one {@code Value} whose body is {@code bodyBytes} long. */
    private void value(int bodyBytes) {
        row.tag(VALUES, WireBuffer.LEN);
        row.varint(bodyBytes);
    }

    /** Starts a {@code Value} holding one length-delimited field of {@code fieldBytes} bytes; the caller writes them. */
    private void lengthDelimitedValue(int field, int fieldBytes) {
        value(1 + WireBuffer.varintSize(fieldBytes) + fieldBytes);
        row.tag(field, WireBuffer.LEN);
        row.varint(fieldBytes);
    }
}
