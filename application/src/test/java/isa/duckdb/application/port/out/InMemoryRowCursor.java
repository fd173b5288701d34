package isa.duckdb.application.port.out;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.Value;
import java.util.List;

/**
 * Rows of the fake engine, handed out in batches like the DuckDB adapter's streaming cursor: an
 * empty batch once exhausted or closed; the statement's error (CANCELLED, DEADLINE_EXCEEDED)
 * once its signal is cancelled.
 */
public final class InMemoryRowCursor implements RowCursor {
    private final List<Column> columns;
    private final List<Value[]> rows;
    private final CancellationSignal signal;
    private int position;
    private boolean closed;

    InMemoryRowCursor(List<Column> columns, List<Value[]> rows, CancellationSignal signal) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.signal = signal;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public synchronized RowBatch next(int maxRows) {
        if (closed || position >= rows.size()) {
            return RowBatch.empty(columns.size());
        }
        if (signal.isCancelled()) {
            throw signal.asException("the query");
        }
        int end = Math.min(rows.size(), position + Math.max(maxRows, 0));
        List<Value[]> batch = rows.subList(position, end).stream().map(Value[]::clone).toList();
        position = end;
        return RowBatch.of(columns.size(), batch);
    }

    /** Whether the caller closed the cursor. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
