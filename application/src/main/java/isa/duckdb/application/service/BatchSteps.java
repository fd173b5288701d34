package isa.duckdb.application.service;

import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.BatchOutcome.StepResult;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlScript;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The statements of an ExecuteBatch, each run and reported on its own or all in one transaction.
 * The top-level error starts with the code word of the (first) failing statement (wire contract,
 * "Statement results"); a data change with RETURNING reports the rows it returned.
 */
final class BatchSteps {
    private static final int COUNT_BATCH_ROWS = 8192;

    /** Records one statement's time inside the engine and whether it succeeded. */
    @FunctionalInterface
    interface Recorder {
        void record(Lease lease, long engineNanos, boolean succeeded);
    }

    private final Recorder recorder;

    BatchSteps(Recorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Runs every statement: {@code NOT_FOUND: statement 2 failed: … (1 of 3 statements failed, the
     * others took effect)} when some fail.
     */
    BatchOutcome runEach(Lease lease, EngineSession session, List<BoundSql> statements, CancellationSignal signal,
            RunningQueries.Entry entry) {
        List<StepResult> steps = new ArrayList<>();
        ServiceException first = null;
        int firstIndex = 0;
        for (int i = 0; i < statements.size(); i++) {
            Step step = runStep(lease, session, statements.get(i), signal, entry);
            steps.add(step.result());
            if (first == null && step.failure() != null) {
                first = step.failure();
                firstIndex = i + 1;
            }
        }
        if (first == null) {
            return new BatchOutcome(steps, "");
        }
        long failed = steps.stream().filter(s -> !s.success()).count();
        return new BatchOutcome(steps, first.kind().name() + ": statement " + firstIndex + " failed: " + first.detail()
                + " (" + failed + " of " + steps.size() + " statements failed, the others took effect)");
    }

    /**
     * Runs the statements in one transaction, stopping at the first failure; the top-level error
     * starts with that statement's code word ({@code ABORTED} for a write-write conflict, so that the
     * caller knows to retry).
     */
    BatchOutcome runAllOrNothing(Lease lease, EngineSession session, List<BoundSql> statements,
            CancellationSignal signal, RunningQueries.Entry entry) {
        List<StepResult> steps = new ArrayList<>();
        session.begin();
        for (int i = 0; i < statements.size(); i++) {
            Step step = runStep(lease, session, statements.get(i), signal, entry);
            steps.add(step.result());
            if (step.failure() != null) {
                session.rollback();
                for (int j = i + 1; j < statements.size(); j++) {
                    steps.add(new StepResult(false, 0, "ABORTED: not run, statement " + (i + 1) + " failed"));
                }
                return new BatchOutcome(steps, step.failure().kind().name() + ": statement " + (i + 1) + " failed: "
                        + step.failure().detail() + "; the transaction was rolled back and no statement took effect");
            }
        }
        session.commit();
        return new BatchOutcome(steps, "");
    }

    /** The rows a data change with RETURNING gave back, which are the rows it changed (contract "Statement results"). */
    static long countRows(IntFunction<RowBatch> next) {
        long rows = 0;
        for (RowBatch batch = next.apply(COUNT_BATCH_ROWS); batch.rowCount() > 0; batch = next.apply(COUNT_BATCH_ROWS)) {
            rows += batch.rowCount();
        }
        return rows;
    }

    /** One statement's result, and the failure it answered with (null when it succeeded). */
    private record Step(StepResult result, ServiceException failure) {
    }

    /**
     * Failures that are not the statement's own end the whole batch call: the caller's deadline or
     * cancel, and the service's INTERNAL/UNAVAILABLE (answered and logged once, with an incident
     * id, where the call is answered). An open transaction is rolled back when its session closes.
     */
    private static boolean endsTheCall(ErrorKind kind) {
        return switch (kind) {
            case DEADLINE_EXCEEDED, CANCELLED, INTERNAL, UNAVAILABLE -> true;
            default -> false;
        };
    }

    private Step runStep(Lease lease, EngineSession session, BoundSql statement, CancellationSignal signal,
            RunningQueries.Entry entry) {
        if (signal.isCancelled()) {
            throw signal.asException("the batch");
        }
        long start = System.nanoTime();
        entry.enteredEngine();
        try {
            StatementOutcome outcome = session.run(statement, signal);
            long affected = outcome.affectedRows();
            if (outcome.rows().isPresent()) {
                try (RowCursor cursor = outcome.rows().get()) {
                    if (SqlScript.parse(statement.sql()).lastChangesRows()) {
                        affected = countRows(cursor::next);
                    }
                }
            }
            recorder.record(lease, System.nanoTime() - start, true);
            entry.produced(affected);
            return new Step(new StepResult(true, affected, ""), null);
        } catch (ServiceException e) {
            recorder.record(lease, System.nanoTime() - start, false);
            if (endsTheCall(e.kind())) {
                throw e;
            }
            return new Step(new StepResult(false, 0, e.getMessage()), e);
        } finally {
            entry.leftEngine();
        }
    }
}
