package isa.duckdb.application.port.out;

import isa.duckdb.domain.Column;
import isa.duckdb.domain.Value;
import java.util.List;

/** Rows read off the engine incrementally: nothing is fetched before it is asked for. */
public interface RowCursor extends AutoCloseable {

    List<Column> columns();

    /** Up to {@code maxRows} more rows; an empty list once the result is exhausted. */
    List<Value[]> next(int maxRows);

    @Override
    void close();
}
