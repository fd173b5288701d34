package isa.duckdb.application.port.in;

import isa.duckdb.domain.Column;
import isa.duckdb.domain.RowBatch;
import java.util.List;

/** A running query: its columns, then its rows in batches, until exhausted or closed. */
public interface OpenQuery extends AutoCloseable {

    List<Column> columns();

    /**
     * Up to {@code maxRows} more rows, column by column, valid until the next call or close; 0 rows
     * at the end (also when max_rows was reached).
     */
    RowBatch next(int maxRows);

    /** Rows affected when the statement was not a query (0 otherwise). */
    long affectedRows();

    @Override
    void close();
}
