package isa.duckdb.adapters.grpc;

import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A query cursor made up in the test: its rows are generated as they are asked for, and it counts how
 * many it handed out, so a test can see how far the adapter drained it.
 */
final class StubQuery implements OpenQuery {
    static final List<Column> ID_AND_PAYLOAD = List.of(new Column("id", "BIGINT"), new Column("payload", "VARCHAR"));

    private final List<Column> columns;
    private final long totalRows;
    private final LongFunction<Value[]> rowAt;
    private final long affectedRows;
    private final AtomicLong handedOut = new AtomicLong();
    private volatile boolean closed;
    private volatile long failAfterRows = Long.MAX_VALUE;
    private volatile RuntimeException failure;

    StubQuery(List<Column> columns, long totalRows, LongFunction<Value[]> rowAt, long affectedRows) {
        this.columns = columns;
        this.totalRows = totalRows;
        this.rowAt = rowAt;
        this.affectedRows = affectedRows;
    }

    /** {@code count} rows {@code (id, payload)}: id counts from 0, payload is {@code payloadChars} ASCII letters. */
    static StubQuery rows(long count, int payloadChars) {
        Value payload = new Value.Text("x".repeat(payloadChars));
        return new StubQuery(ID_AND_PAYLOAD, count, id -> new Value[] {new Value.Int(id), payload}, 0);
    }

    static StubQuery of(List<Column> columns, List<Value[]> rows) {
        return new StubQuery(columns, rows.size(), index -> rows.get((int) index), 0);
    }

    /** A statement that returns no columns and changed {@code affected} rows. */
    static StubQuery statement(long affected) {
        return new StubQuery(List.of(), 0, index -> new Value[0], affected);
    }

    /** Hands out the first {@code rows} rows, then throws {@code e} on the next fetch. */
    StubQuery failingAfter(long rows, RuntimeException e) {
        this.failAfterRows = rows;
        this.failure = e;
        return this;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public synchronized RowBatch next(int maxRows) {
        if (closed) {
            throw new IllegalStateException("next() after close()");
        }
        long from = handedOut.get();
        if (from >= failAfterRows) {
            throw failure;
        }
        long until = Math.min(Math.min(totalRows, failAfterRows), from + maxRows);
        List<Value[]> batch = new ArrayList<>();
        for (long id = from; id < until; id++) {
            batch.add(rowAt.apply(id));
        }
        handedOut.set(until);
        return RowBatch.of(columns.size(), batch);
    }

    @Override
    public void writeArrowSchema(java.io.OutputStream out) {
        throw new isa.duckdb.domain.ServiceException(isa.duckdb.domain.ErrorKind.FAILED_PRECONDITION,
                "this result cannot be sent as Arrow");
    }

    @Override
    public long affectedRows() {
        return affectedRows;
    }

    @Override
    public void close() {
        closed = true;
    }

    long rowsHandedOut() {
        return handedOut.get();
    }

    boolean isClosed() {
        return closed;
    }
}
