package isa.duckdb.application.service;

import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.BatchOutcome.StepResult;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.PrepareStatementUseCase;
import isa.duckdb.application.port.in.PreparedStatementInfo;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ClientSqlPolicy;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.LegacyTablePrefix;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlScript;
import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs tenants' SQL on their open databases: queries, statements, batches, prepared statements. */
@Singleton
public final class QueryService
        implements ExecuteQueryUseCase, ExecuteStatementUseCase, ExecuteBatchUseCase, PrepareStatementUseCase {
    private static final int MAX_BATCH_STATEMENTS = 10_000;
    private static final int COUNT_BATCH_ROWS = 8192;

    private final DatabaseCatalog catalog;
    private final DatabaseLifecycle lifecycle;
    private final PreparedStatements prepared;
    private final CallTimer timer;
    private final QueryMetrics metrics;
    private final RunningQueries running;

    /** @param running where each statement is listed while it runs (ListRunningQueries, CancelQuery) */
    @Inject
    public QueryService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, PreparedStatements prepared,
            CallTimer timer, QueryMetrics metrics, RunningQueries running) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.prepared = prepared;
        this.timer = timer;
        this.metrics = metrics;
        this.running = running;
    }

    @Override
    public OpenQuery open(QueryCommand command, CancellationSignal signal) {
        if (command.maxRows() < 0) {
            throw ServiceException.invalid("max_rows may not be negative");
        }
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        BoundSql sql = checkedSql(descriptor, command.sql(), command.statementId(), command.parameters());
        return start(descriptor, sql, command.timeoutSeconds(), signal, command.maxRows());
    }

    @Override
    public String explain(QueryCommand command, CancellationSignal signal) {
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        BoundSql sql = checkedSql(descriptor, command.sql(), command.statementId(), command.parameters());
        if (SqlScript.parse(sql.sql()).statementCount() != 1) {
            throw ServiceException.invalid("explain needs exactly one statement");
        }
        String plannable = SqlScript.parse(sql.sql()).firstKeyword().equals("EXPLAIN") ? sql.sql() : "EXPLAIN " + sql.sql();
        StringBuilder plan = new StringBuilder();
        try (OpenQuery query = start(descriptor, new BoundSql(plannable, sql.values()), command.timeoutSeconds(), signal, 0)) {
            int planColumn = query.columns().size() - 1;
            for (RowBatch batch = query.next(256); batch.rowCount() > 0; batch = query.next(256)) {
                for (Value[] row : batch.toRows()) {
                    if (row[planColumn] instanceof Value.Text text) {
                        plan.append(text.value()).append('\n');
                    }
                }
            }
        }
        return plan.toString();
    }

    @Override
    public long execute(StatementCommand command, CancellationSignal signal) {
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        BoundSql sql = checkedSql(descriptor, command.sql(), command.statementId(), command.parameters());
        try (OpenQuery query = start(descriptor, sql, command.timeoutSeconds(), signal, 0)) {
            return SqlScript.parse(sql.sql()).lastChangesRows() && !query.columns().isEmpty()
                    ? countRows(query::next) : query.affectedRows();
        }
    }

    @Override
    public BatchOutcome execute(BatchCommand command, CancellationSignal signal) {
        if (command.statements().isEmpty()) {
            throw ServiceException.invalid("statements is empty");
        }
        if (command.statements().size() > MAX_BATCH_STATEMENTS) {
            throw ServiceException.invalid("a batch holds at most " + MAX_BATCH_STATEMENTS + " statements");
        }
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        List<BoundSql> statements = new ArrayList<>();
        for (String statement : command.statements()) {
            statements.add(checkedSql(descriptor, statement, "", Map.of()));
        }
        String listed = String.join(";\n", statements.stream().map(BoundSql::sql).toList());
        try (Lease lease = lifecycle.acquire(descriptor, signal); EngineSession session = lease.openSession();
                RunningQueries.Entry entry = running.started(descriptor, listed, signal)) {
            return command.transactional()
                    ? runAllOrNothing(lease, session, statements, signal, entry)
                    : runEach(lease, session, statements, signal, entry);
        }
    }

    /**
     * Runs every statement; the top-level error (wire contract, "Statement results") starts with the code word of
     * the first failing statement: {@code NOT_FOUND: statement 2 failed: … (1 of 3 statements failed, the others
     * took effect)}.
     */
    private BatchOutcome runEach(Lease lease, EngineSession session, List<BoundSql> statements,
            CancellationSignal signal, RunningQueries.Entry entry) {
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
     * Runs the statements in one transaction, stopping at the first failure; the top-level error starts with that
     * statement's code word ({@code ABORTED} for a write-write conflict, so that the caller knows to retry).
     */
    private BatchOutcome runAllOrNothing(Lease lease, EngineSession session, List<BoundSql> statements,
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
            record(lease, System.nanoTime() - start, true);
            entry.produced(affected);
            return new Step(new StepResult(true, affected, ""), null);
        } catch (ServiceException e) {
            record(lease, System.nanoTime() - start, false);
            if (endsTheCall(e.kind())) {
                throw e;
            }
            return new Step(new StepResult(false, 0, e.getMessage()), e);
        }
    }

    /** The rows a data change with RETURNING gave back, which are the rows it changed (contract "Statement results"). */
    private static long countRows(java.util.function.IntFunction<RowBatch> next) {
        long rows = 0;
        for (RowBatch batch = next.apply(COUNT_BATCH_ROWS); batch.rowCount() > 0; batch = next.apply(COUNT_BATCH_ROWS)) {
            rows += batch.rowCount();
        }
        return rows;
    }

    @Override
    public PreparedStatementInfo prepare(TenantId tenant, String databaseRef, String sql) {
        DatabaseDescriptor descriptor = catalog.resolve(tenant, databaseRef);
        String text = LegacyTablePrefix.of(tenant).rewriteSql(sql);
        SqlScript script = checkedScript(text);
        if (script.statementCount() != 1) {
            throw ServiceException.invalid("a prepared statement holds exactly one statement");
        }
        try (Lease lease = lifecycle.acquire(descriptor, CancellationSignal.none());
                EngineSession session = lease.openSession()) {
            List<String> types = session.parameterTypes(text);
            String id = prepared.remember(owner(descriptor), text);
            return new PreparedStatementInfo(id, types);
        }
    }

    private OpenQuery start(DatabaseDescriptor descriptor, BoundSql sql, int timeoutSeconds, CancellationSignal signal,
            int maxRows) {
        if (timeoutSeconds < 0) {
            throw ServiceException.invalid("timeout_seconds may not be negative");
        }
        Runnable disarm = timer.arm(signal, timeoutSeconds);
        Lease lease = null;
        EngineSession session = null;
        RunningQueries.Entry entry = null;
        try {
            lease = lifecycle.acquire(descriptor, signal);
            session = lease.openSession();
            Lease held = lease;
            entry = running.started(descriptor, sql.sql(), signal);
            long start = System.nanoTime();
            StatementOutcome outcome;
            try {
                outcome = session.run(sql, signal);
            } catch (RuntimeException e) {
                record(lease, System.nanoTime() - start, false);
                throw e;
            }
            if (outcome.rows().isEmpty()) {
                entry.produced(outcome.affectedRows());
            }
            return new RunningQuery(outcome, maxRows, signal, List.of(entry, session, lease, disarm::run),
                    System.nanoTime() - start, (nanos, succeeded) -> record(held, nanos, succeeded), entry::produced);
        } catch (RuntimeException e) {
            closeQuietly(entry);
            closeQuietly(session);
            closeQuietly(lease);
            disarm.run();
            throw e;
        }
    }

    private BoundSql checkedSql(DatabaseDescriptor descriptor, String sql, String statementId,
            Map<String, Value> parameters) {
        boolean hasSql = sql != null && !sql.isBlank();
        boolean hasId = statementId != null && !statementId.isBlank();
        if (hasSql && hasId) {
            throw ServiceException.invalid("give either the SQL text or statement_id, not both");
        }
        String text = hasId
                ? prepared.sqlOf(owner(descriptor), statementId)
                : LegacyTablePrefix.of(descriptor.tenant()).rewriteSql(sql);
        SqlScript script = checkedScript(text);
        BoundSql bound = BoundSql.of(text, parameters);
        if (!bound.values().isEmpty() && script.statementCount() > 1) {
            throw ServiceException.invalid("parameters can only be bound to a single statement");
        }
        return bound;
    }

    private static SqlScript checkedScript(String sql) {
        SqlScript script = SqlScript.parse(sql == null ? "" : sql);
        if (script.isEmpty()) {
            throw ServiceException.invalid("the SQL text is empty");
        }
        ClientSqlPolicy.check(script);
        return script;
    }

    private void record(Lease lease, long engineNanos, boolean succeeded) {
        metrics.record(engineNanos, succeeded);
        lease.recordQuery(engineNanos, succeeded);
    }

    private static String owner(DatabaseDescriptor descriptor) {
        return descriptor.tenant().databaseBucket() + "/" + descriptor.id();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the original failure is what the caller needs to see
        }
    }
}
