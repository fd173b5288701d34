package isa.duckdb.application.service;

import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.BatchOutcome.StepResult;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.List;

/** The statements of an ExecuteBatch, each run and reported on its own or all in one transaction. */
final class BatchSteps {
    /** Records one statement's time inside the engine and whether it succeeded. */
    @FunctionalInterface
    interface Recorder {
        void record(Lease lease, long engineNanos, boolean succeeded);
    }

    private final Recorder recorder;

    BatchSteps(Recorder recorder) {
        this.recorder = recorder;
    }

    BatchOutcome runEach(Lease lease, EngineSession session, List<BoundSql> statements,
            CancellationSignal signal) {
        List<StepResult> steps = new ArrayList<>();
        for (BoundSql statement : statements) {
            steps.add(runStep(lease, session, statement, signal));
        }
        long failed = steps.stream().filter(s -> !s.success()).count();
        return new BatchOutcome(steps, failed == 0 ? "" : failed + " of " + steps.size() + " statements failed");
    }

    BatchOutcome runAllOrNothing(Lease lease, EngineSession session, List<BoundSql> statements,
            CancellationSignal signal) {
        List<StepResult> steps = new ArrayList<>();
        session.begin();
        for (int i = 0; i < statements.size(); i++) {
            StepResult step = runStep(lease, session, statements.get(i), signal);
            steps.add(step);
            if (!step.success()) {
                session.rollback();
                for (int j = i + 1; j < statements.size(); j++) {
                    steps.add(new StepResult(false, 0, "ABORTED: not run, statement " + (i + 1) + " failed"));
                }
                return new BatchOutcome(steps, "statement " + (i + 1) + " failed; the transaction was rolled back"
                        + " and no statement took effect: " + step.error());
            }
        }
        session.commit();
        return new BatchOutcome(steps, "");
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

    private StepResult runStep(Lease lease, EngineSession session, BoundSql statement, CancellationSignal signal) {
        if (signal.isCancelled()) {
            throw signal.asException("the batch");
        }
        long start = System.nanoTime();
        try {
            StatementOutcome outcome = session.run(statement, signal);
            outcome.rows().ifPresent(RowCursor::close);
            recorder.record(lease, System.nanoTime() - start, true);
            return new StepResult(true, outcome.affectedRows(), "");
        } catch (ServiceException e) {
            recorder.record(lease, System.nanoTime() - start, false);
            if (endsTheCall(e.kind())) {
                throw e;
            }
            return new StepResult(false, 0, e.getMessage());
        }
    }
}
