package isa.duckdb.application.service;

import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query whose rows are read on demand, holding its session and lease until closed. It adds up
 * the time spent in the engine (running the statement and producing rows, not waiting for the
 * caller to take them) and reports it when closed.
 */
final class RunningQuery implements OpenQuery {
    private final StatementOutcome outcome;
    private final CancellationSignal signal;
    private final List<AutoCloseable> resources;
    private final Finished finished;
    private final Progress produced;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long remaining;
    private long engineNanos;
    private boolean failed;

    /** Told what the query does: rows handed out, and when the engine starts and stops working for it. */
    @FunctionalInterface
    interface Progress {
        /** A batch of {@code rows} rows was handed out (or, for a statement, that many were affected). */
        void produced(long rows);

        /** The engine starts working for the query (running it, or producing its next rows). */
        default void enteredEngine() {
        }

        /** The engine stopped working for the query: it waits for its caller, or ended. */
        default void leftEngine() {
        }
    }

    /** Told once, when the query is closed, how long the engine worked on it and whether it failed. */
    @FunctionalInterface
    interface Finished {
        void finished(long engineNanos, boolean succeeded);
    }

    /**
     * @param resources closed in order when the query is
     * @param runNanos engine time already spent running the statement
     * @param produced told the count of each batch of rows handed out (running queries' {@code rows_produced})
     */
    RunningQuery(StatementOutcome outcome, int maxRows, CancellationSignal signal, List<AutoCloseable> resources,
            long runNanos, Finished finished, Progress produced) {
        this.outcome = outcome;
        this.signal = signal;
        this.resources = resources;
        this.remaining = maxRows > 0 ? maxRows : Long.MAX_VALUE;
        this.engineNanos = runNanos;
        this.finished = finished;
        this.produced = produced;
    }

    @Override
    public List<Column> columns() {
        return outcome.rows().map(RowCursor::columns).orElse(List.of());
    }

    @Override
    public synchronized RowBatch next(int maxRows) {
        if (signal.isCancelled()) {
            failed = true;
            throw signal.asException("the query");
        }
        if (outcome.rows().isEmpty() || remaining == 0) {
            return RowBatch.empty(columns().size());
        }
        long start = System.nanoTime();
        produced.enteredEngine();
        try {
            RowBatch rows = outcome.rows().get().next((int) Math.min(maxRows, remaining));
            remaining -= rows.rowCount();
            produced.produced(rows.rowCount());
            return rows;
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            produced.leftEngine();
            engineNanos += System.nanoTime() - start;
        }
    }

    @Override
    public void writeArrowSchema(OutputStream out) throws IOException {
        if (outcome.rows().isEmpty()) {
            throw new ServiceException(ErrorKind.FAILED_PRECONDITION, "the statement returns no rows");
        }
        outcome.rows().get().writeArrowSchema(out);
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
        RuntimeException notDurable = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (RuntimeException e) {
                if (resource instanceof Lease) {
                    notDurable = e;
                }
            } catch (Exception ignored) {
                // closing is best effort; the lease release below must still happen
            }
        }
        synchronized (this) {
            finished.finished(engineNanos, !failed);
        }
        if (notDurable != null) {
            throw notDurable;
        }
    }
}
