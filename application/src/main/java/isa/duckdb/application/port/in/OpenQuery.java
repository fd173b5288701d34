package isa.duckdb.application.port.in;

import isa.duckdb.domain.Column;
import isa.duckdb.domain.RowBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A running query: its columns, then its rows in batches, until exhausted or closed. */
public interface OpenQuery extends AutoCloseable {

    List<Column> columns();

    /**
     * Up to {@code maxRows} more rows, column by column, valid until the next call or close; 0 rows
     * at the end (also when max_rows was reached).
     */
    RowBatch next(int maxRows);

    /**
     * Starts an Arrow IPC stream of the result with its schema message; the batches of
     * {@link #next} append themselves to it.
     * @throws isa.duckdb.domain.ServiceException FAILED_PRECONDITION when the statement returns no
     *     rows (its {@link #columns()} are empty) or the engine cannot produce Arrow
     */
    void writeArrowSchema(OutputStream out) throws IOException;

    /** Rows affected when the statement was not a query (0 otherwise). */
    long affectedRows();

    @Override
    void close();
}
