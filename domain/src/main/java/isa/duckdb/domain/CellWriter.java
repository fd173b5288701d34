package isa.duckdb.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Receives one result cell at a time, as the primitive the wire needs; a result batch writes its
 * cells into one without building a {@link Value} per scalar cell. Exactly one method is called
 * per cell. Which method a DuckDB type uses is the contract's "Values" and "Values at the edges"
 * mapping (wire-contract.md), decided by the engine adapter; the wire's own limits (what a
 * protobuf Timestamp can hold) are the writer's to apply.
 */
public interface CellWriter {

    void writeNull();

    void writeBool(boolean value);

    /** Any integer that fits a signed 64-bit long. */
    void writeLong(long value);

    /** FLOAT (widened exactly) and DOUBLE, NaN and infinities included. */
    void writeDouble(double value);

    /** Text: decimals, huge integers, dates, times, intervals, UUIDs, enums, infinities, VARCHAR. */
    void writeText(String value);

    /**
     * Text given as its UTF-8 bytes (from the buffer's position to its limit), which the writer
     * copies before it returns; saves decoding a VARCHAR that only travels on.
     */
    default void writeUtf8(ByteBuffer utf8) {
        writeText(StandardCharsets.UTF_8.decode(utf8).toString());
    }

    /** A BLOB's bytes (position to limit), copied by the writer before it returns. */
    void writeBytes(ByteBuffer value);

    /**
     * A TIMESTAMP-family value as an instant: seconds since 1970-01-01T00:00:00Z (negative before)
     * and a nanosecond adjustment in [0, 999,999,999]. The writer decides what its field can hold.
     */
    void writeTimestamp(long epochSecond, int nanos);

    /** A LIST, ARRAY, STRUCT, MAP or UNION value, as a tree of values. */
    void writeNested(Value value);

    /** Writes a domain value through the method that matches its shape. */
    default void write(Value value) {
        if (value instanceof Value.Null) {
            writeNull();
        } else if (value instanceof Value.Bool b) {
            writeBool(b.value());
        } else if (value instanceof Value.Int i) {
            writeLong(i.value());
        } else if (value instanceof Value.Double d) {
            writeDouble(d.value());
        } else if (value instanceof Value.Text t) {
            writeText(t.value());
        } else if (value instanceof Value.Bytes b) {
            writeBytes(ByteBuffer.wrap(b.value()));
        } else if (value instanceof Value.Timestamp t) {
            writeTimestamp(t.value().getEpochSecond(), t.value().getNano());
        } else {
            writeNested(value);
        }
    }
}
