package isa.duckdb.adapters.grpc;

import com.google.protobuf.ByteString;
import isa.duckdb.api.NullValue;
import isa.duckdb.api.Row;
import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.Value;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Turns a batch of result rows into wire rows, column by column: each cell goes straight from the
 * engine's column into its row's {@code Value}, without an intermediate value object. A TIMESTAMP
 * outside what {@code google.protobuf.Timestamp} may hold travels as ISO-8601 text with a signed,
 * expanded year (wire-contract.md, "Values at the edges").
 */
final class ProtoRows implements CellWriter {
    /** 0001-01-01T00:00:00Z, the earliest instant a protobuf Timestamp may hold. */
    static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L;
    /** 9999-12-31T23:59:59Z, the latest whole second a protobuf Timestamp may hold. */
    static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;

    private isa.duckdb.api.Value.Builder target;

    private ProtoRows() {
    }

    /** The batch's rows as wire rows, in order. */
    static Row[] convert(RowBatch batch) {
        int rowCount = batch.rowCount();
        Row.Builder[] rows = new Row.Builder[rowCount];
        for (int r = 0; r < rowCount; r++) {
            rows[r] = Row.newBuilder();
        }
        ProtoRows writer = new ProtoRows();
        for (int c = 0; c < batch.columnCount(); c++) {
            for (int r = 0; r < rowCount; r++) {
                writer.target = rows[r].addValuesBuilder();
                batch.write(c, r, writer);
            }
        }
        Row[] built = new Row[rowCount];
        for (int r = 0; r < rowCount; r++) {
            built[r] = rows[r].build();
        }
        return built;
    }

    /** One value on the wire, as a result cell would travel. */
    static isa.duckdb.api.Value toProto(Value value) {
        ProtoRows writer = new ProtoRows();
        writer.target = isa.duckdb.api.Value.newBuilder();
        writer.write(value);
        return writer.target.build();
    }

    static boolean fitsProtobufTimestamp(long epochSecond) {
        return epochSecond >= MIN_TIMESTAMP_SECONDS && epochSecond <= MAX_TIMESTAMP_SECONDS;
    }

    @Override
    public void writeNull() {
        target.setNullValue(NullValue.NULL_VALUE);
    }

    @Override
    public void writeBool(boolean value) {
        target.setBoolValue(value);
    }

    @Override
    public void writeLong(long value) {
        target.setIntValue(value);
    }

    @Override
    public void writeDouble(double value) {
        target.setDoubleValue(value);
    }

    @Override
    public void writeText(String value) {
        target.setStringValue(value);
    }

    @Override
    public void writeUtf8(ByteBuffer utf8) {
        target.setStringValueBytes(ByteString.copyFrom(utf8));
    }

    @Override
    public void writeBytes(ByteBuffer value) {
        target.setBytesValue(ByteString.copyFrom(value));
    }

    @Override
    public void writeTimestamp(long epochSecond, int nanos) {
        if (fitsProtobufTimestamp(epochSecond)) {
            target.getTimestampValueBuilder().setSeconds(epochSecond).setNanos(nanos);
        } else {
            target.setStringValue(Instant.ofEpochSecond(epochSecond, nanos).toString());
        }
    }

    @Override
    public void writeNested(Value value) {
        ProtoValues.nested(value, target);
    }
}
