package isa.duckdb.application.port.out;

import isa.duckdb.domain.Column;
import isa.duckdb.domain.RowBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Rows read off the engine incrementally: nothing is fetched before it is asked for. */
public interface RowCursor extends AutoCloseable {

    /** The result's columns with DuckDB's type names, known before the first row is read. */
    List<Column> columns();

    /**
     * Up to {@code maxRows} more rows, held column by column and valid until the next call or
     * {@link #close()}; a batch of 0 rows once the result is exhausted or the cursor closed. Throws
     * the statement's cancellation once its signal is cancelled, and the engine's error (translated
     * to its kind) when the statement fails while its rows are produced.
     */
    RowBatch next(int maxRows);

    /**
     * Starts an Arrow IPC stream of this result: writes its schema message. The batches that
     * {@link #next} hands out then append themselves ({@link RowBatch#writeArrowIpc}).
     * @throws isa.duckdb.domain.ServiceException FAILED_PRECONDITION when the engine does not read results as Arrow
     */
    default void writeArrowSchema(OutputStream out) throws IOException {
        throw new isa.duckdb.domain.ServiceException(isa.duckdb.domain.ErrorKind.FAILED_PRECONDITION,
                "this result cannot be sent as Arrow");
    }

    /** Releases the result early; the session can run its next statement. */
    @Override
    void close();
}
