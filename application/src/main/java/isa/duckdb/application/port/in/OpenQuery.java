package isa.duckdb.application.port.in;

import isa.duckdb.domain.Column;
import isa.duckdb.domain.Value;
import java.util.List;

/** A running query: its columns, then its rows in batches, until exhausted or closed. */
public interface OpenQuery extends AutoCloseable {

    List<Column> columns();

    /** Up to {@code maxRows} more rows, empty at the end (also when max_rows was reached). */
    List<Value[]> next(int maxRows);

    /** Rows affected when the statement was not a query (0 otherwise). */
    long affectedRows();

    @Override
    void close();
}
