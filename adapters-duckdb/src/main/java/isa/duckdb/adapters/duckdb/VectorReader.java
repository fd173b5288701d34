package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.Value;
import org.apache.arrow.vector.ValueVector;

/**
 * Reads the cells of one Arrow vector exported by DuckDB, straight from its buffers (epoch days,
 * micros and nanos, unscaled decimals, UTF-8 bytes). Built once per column and batch; the wire
 * mapping per DuckDB type is the contract's "Values" and "Values at the edges"
 * (wire-contract.md). DuckDB marks {@code infinity}/{@code -infinity} of DATE and TIMESTAMP with the
 * largest/smallest-but-one value of the storage type (DuckDB docs, "Date Types", "Timestamp Types").
 */
abstract class VectorReader {
    private final ValueVector vector;

    VectorReader(ValueVector vector) {
        this.vector = vector;
    }

    final boolean isNull(int row) {
        return vector.isNull(row);
    }

    /** Writes a cell at the top level of a row. */
    final void write(int row, CellWriter out) {
        if (vector.isNull(row)) {
            out.writeNull();
        } else {
            writeValue(row, out);
        }
    }

    /** The cell inside a LIST, STRUCT, MAP or UNION. */
    final Value nested(int row) {
        return vector.isNull(row) ? Value.NULL : nestedValue(row);
    }

    /** DuckDB's own text of the cell, {@code CAST(x AS VARCHAR)}; {@code NULL} for a null. */
    final String text(int row) {
        return vector.isNull(row) ? "NULL" : textValue(row);
    }

    /** Writes a non-null cell at the top level. */
    abstract void writeValue(int row, CellWriter out);

    /** A non-null cell as a nested value; by default what the top level writes. */
    Value nestedValue(int row) {
        var capture = new isa.duckdb.domain.RowBatch.ValueCapture();
        writeValue(row, capture);
        return capture.value();
    }

    /** DuckDB's text of a non-null cell. */
    abstract String textValue(int row);

    /** A reader of a type whose wire form is DuckDB's own text of the value, at the top level and nested. */
    static VectorReader textual(ValueVector vector, java.util.function.IntFunction<String> text) {
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeText(text.apply(row));
            }

            @Override
            String textValue(int row) {
                return text.apply(row);
            }
        };
    }
}
