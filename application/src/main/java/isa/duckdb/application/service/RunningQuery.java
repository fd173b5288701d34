package isa.duckdb.application.service;

import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.Value;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A query whose rows are read on demand, holding its session and lease until closed. */
final class RunningQuery implements OpenQuery {
    private final StatementOutcome outcome;
    private final CancellationSignal signal;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long remaining;

    /** @param resources closed in order when the query is */
    RunningQuery(StatementOutcome outcome, int maxRows, CancellationSignal signal, List<AutoCloseable> resources) {
        this.outcome = outcome;
        this.signal = signal;
        this.resources = resources;
        this.remaining = maxRows > 0 ? maxRows : Long.MAX_VALUE;
    }

    @Override
    public List<Column> columns() {
        return outcome.rows().map(RowCursor::columns).orElse(List.of());
    }

    @Override
    public List<Value[]> next(int maxRows) {
        if (signal.isCancelled()) {
            throw signal.asException("the query");
        }
        if (outcome.rows().isEmpty() || remaining == 0) {
            return List.of();
        }
        List<Value[]> rows = outcome.rows().get().next((int) Math.min(maxRows, remaining));
        remaining -= rows.size();
        return rows;
    }

    @Override
    public long affectedRows() {
        return outcome.affectedRows();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outcome.rows().ifPresent(RowCursor::close);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing is best effort; the lease release below must still happen
            }
        }
    }
}
