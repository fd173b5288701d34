package isa.duckdb.adapters.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import isa.duckdb.domain.Column;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A successful {@code QueryResultChunk} of ExecuteQueryStream already in its wire bytes (written by
 * {@link Builder} from {@link WireRow}s), sent as is by {@link EncodedChunkMarshaller}: the same bytes the
 * generated message would serialize to, without a protobuf object per row and cell.
 */
final class EncodedChunk {
    private static final int SUCCESS = 1;
    private static final int COLUMNS = 2;
    private static final int COLUMN_TYPES = 3;
    private static final int ROWS = 4;
    private static final int IS_LAST = 5;
    private static final int EXECUTION_TIME_MS = 6;

    private final byte[] bytes;
    private final int length;
    private final int rowCount;

    private EncodedChunk(byte[] bytes, int length, int rowCount) {
        this.bytes = bytes;
        this.length = length;
        this.rowCount = rowCount;
    }

    int rowCount() {
        return rowCount;
    }

    /** Size of the serialized message in bytes. */
    int serializedSize() {
        return length;
    }

    /** The message's bytes as gRPC's framer takes them: known length, drained in one write. */
    InputStream stream() {
        return new Stream(bytes, length);
    }

    /** Collects one chunk: {@code success}, the columns on the first chunk, rows, then {@code is_last} and time. */
    static final class Builder {
        private final WireBuffer chunk;
        private int rowCount;

        Builder(int expectedBytes) {
            chunk = new WireBuffer(expectedBytes + 64);
            chunk.tag(SUCCESS, WireBuffer.VARINT);
            chunk.varint(1);
        }

        /** Names and types of the result's columns (the first chunk only). */
        Builder columns(List<Column> columns) {
            for (Column column : columns) {
                byte[] name = column.name().getBytes(StandardCharsets.UTF_8);
                chunk.lengthDelimited(COLUMNS, name, 0, name.length);
            }
            for (Column column : columns) {
                byte[] type = column.type().getBytes(StandardCharsets.UTF_8);
                chunk.lengthDelimited(COLUMN_TYPES, type, 0, type.length);
            }
            return this;
        }

        /** Appends the row {@code row} holds now. */
        void addRow(WireRow row) {
            chunk.lengthDelimited(ROWS, row.bytes());
            rowCount++;
        }

        /** Bytes {@link #addRow} adds for {@code row}. */
        static int framedSize(WireRow row) {
            int body = row.bytes().length();
            return 1 + WireBuffer.varintSize(body) + body;
        }

        /** The finished chunk; the builder must not be used afterwards. */
        EncodedChunk build(boolean isLast, double executionTimeMillis) {
            if (isLast) {
                chunk.tag(IS_LAST, WireBuffer.VARINT);
                chunk.varint(1);
            }
            long time = Double.doubleToRawLongBits(executionTimeMillis);
            if (time != 0) {
                chunk.tag(EXECUTION_TIME_MS, WireBuffer.I64);
                chunk.fixed64(time);
            }
            return new EncodedChunk(chunk.array(), chunk.length(), rowCount);
        }
    }

    private static final class Stream extends ByteArrayInputStream implements KnownLength, Drainable {
        Stream(byte[] bytes, int length) {
            super(bytes, 0, length);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int drained = count - pos;
            target.write(buf, pos, drained);
            pos = count;
            return drained;
        }
    }
}
