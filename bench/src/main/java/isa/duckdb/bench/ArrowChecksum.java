package isa.duckdb.bench;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Touches every value of an Arrow record batch and adds it to a {@link Checksum}, reading
 * values straight from the vectors' buffers (as a client that speaks Arrow would). Handles the
 * types DuckDB exports for the lineitem table (Arrow C data interface or Arrow IPC): integers,
 * Decimal128/256 whose values fit 64 bits, Utf8, Date32/Date64; anything else goes through
 * {@code getObject} as text.
 */
public final class ArrowChecksum {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ArrowChecksum() {
    }

    /** Adds every value of the batch now loaded in {@code root} and counts its rows. */
    public static void add(VectorSchemaRoot root, Checksum checksum) {
        int rows = root.getRowCount();
        List<FieldVector> vectors = root.getFieldVectors();
        for (int column = 0; column < vectors.size(); column++) {
            addColumn(vectors.get(column), rows, column, checksum);
        }
        checksum.addRows(rows);
    }

    private static void addColumn(FieldVector vector, int rows, int column, Checksum checksum) {
        if (vector instanceof BaseIntVector integers) {
            for (int i = 0; i < rows; i++) {
                checksum.addLong(column, integers.getValueAsLong(i));
            }
        } else if (vector instanceof DecimalVector decimals) {
            addDecimals(decimals.getDataBuffer(), DecimalVector.TYPE_WIDTH, decimals.getScale(), rows, column, checksum);
        } else if (vector instanceof Decimal256Vector decimals) {
            addDecimals(decimals.getDataBuffer(), Decimal256Vector.TYPE_WIDTH, decimals.getScale(), rows, column, checksum);
        } else if (vector instanceof VarCharVector text) {
            ArrowBuf data = text.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                long start = text.getStartOffset(i);
                long end = text.getEndOffset(i);
                long sum = 0;
                for (long b = start; b < end; b++) {
                    sum += data.getByte(b) & 0xff;
                }
                checksum.addTextParts(column, end - start, sum);
            }
        } else if (vector instanceof DateDayVector days) {
            for (int i = 0; i < rows; i++) {
                checksum.addDate(column, days.get(i));
            }
        } else if (vector instanceof DateMilliVector millis) {
            for (int i = 0; i < rows; i++) {
                checksum.addDate(column, Math.floorDiv(millis.get(i), MILLIS_PER_DAY));
            }
        } else {
            for (int i = 0; i < rows; i++) {
                checksum.addText(column, String.valueOf(vector.getObject(i)));
            }
        }
    }

    /** Little-endian two's complement values whose low 64 bits hold the whole value. */
    private static void addDecimals(ArrowBuf data, int width, int scale, int rows, int column, Checksum checksum) {
        for (int i = 0; i < rows; i++) {
            checksum.addDecimal(column, data.getLong((long) i * width), scale);
        }
    }
}
