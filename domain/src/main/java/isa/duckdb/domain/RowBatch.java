package isa.duckdb.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a result held column by column: {@link #rowCount()} rows of {@link #columnCount()}
 * cells, each written on demand into a {@link CellWriter}. A batch read off the engine is valid
 * only until its cursor's next batch is asked for or the cursor is closed: convert it first.
 */
public interface RowBatch {

    int rowCount();

    int columnCount();

    /**
     * Writes one cell.
     * @param column 0-based column index, below {@link #columnCount()}
     * @param row 0-based row index, below {@link #rowCount()}
     */
    void write(int column, int row, CellWriter out);

    /**
     * Appends the batch to an Arrow IPC stream (Arrow columnar format, "IPC Streaming Format"): its
     * record batch message, preceded by the dictionary messages its columns need when it is the
     * first batch of the stream. Only batches read as Arrow can do this.
     * @throws ServiceException FAILED_PRECONDITION when the rows were not read as Arrow
     */
    default void writeArrowIpc(OutputStream out) throws IOException {
        throw new ServiceException(ErrorKind.FAILED_PRECONDITION, "this result cannot be sent as Arrow");
    }

    /** A batch without rows. */
    static RowBatch empty(int columnCount) {
        return of(columnCount, List.of());
    }

    /** A batch over rows of values already built (each array {@code columnCount} long). */
    static RowBatch of(int columnCount, List<Value[]> rows) {
        List<Value[]> copy = List.copyOf(rows);
        return new RowBatch() {
            @Override
            public int rowCount() {
                return copy.size();
            }

            @Override
            public int columnCount() {
                return columnCount;
            }

            @Override
            public void write(int column, int row, CellWriter out) {
                out.write(copy.get(row)[column]);
            }
        };
    }

    /** The cells as values, row by row: for code that is not on the result's hot path. */
    default List<Value[]> toRows() {
        List<Value[]> rows = new ArrayList<>(rowCount());
        ValueCapture capture = new ValueCapture();
        for (int r = 0; r < rowCount(); r++) {
            Value[] row = new Value[columnCount()];
            for (int c = 0; c < columnCount(); c++) {
                write(c, r, capture);
                row[c] = capture.value;
            }
            rows.add(row);
        }
        return rows;
    }

    /** Keeps the last cell written as a value. */
    final class ValueCapture implements CellWriter {
        private Value value = Value.NULL;

        /** The last cell written. */
        public Value value() {
            return value;
        }

        @Override
        public void writeNull() {
            value = Value.NULL;
        }

        @Override
        public void writeBool(boolean v) {
            value = new Value.Bool(v);
        }

        @Override
        public void writeLong(long v) {
            value = new Value.Int(v);
        }

        @Override
        public void writeDouble(double v) {
            value = new Value.Double(v);
        }

        @Override
        public void writeText(String v) {
            value = new Value.Text(v);
        }

        @Override
        public void writeBytes(java.nio.ByteBuffer v) {
            byte[] copy = new byte[v.remaining()];
            v.duplicate().get(copy);
            value = new Value.Bytes(copy);
        }

        @Override
        public void writeTimestamp(long epochSecond, int nanos) {
            value = new Value.Timestamp(java.time.Instant.ofEpochSecond(epochSecond, nanos));
        }

        @Override
        public void writeNested(Value v) {
            value = v;
        }
    }
}
