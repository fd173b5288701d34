package isa.duckdb.application.service;

import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.PrepareStatementUseCase;
import isa.duckdb.application.port.in.PreparedStatementInfo;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ClientSqlPolicy;
import isa.duckdb.domain.DatabaseDescriptor;
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

    private final DatabaseCatalog catalog;
    private final DatabaseLifecycle lifecycle;
    private final PreparedStatements prepared;
    private final CallTimer timer;
    private final QueryMetrics metrics;
    private final RunningQueries running;
    private final TenantAccess access;
    private final TenantQuotas quotas;
    private final BatchSteps batchSteps;
    private final CommitGroups commitGroups;

    /** @param running where each statement is listed while it runs (ListRunningQueries, CancelQuery) */
    @Inject
    public QueryService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, PreparedStatements prepared,
            CallTimer timer, QueryMetrics metrics, RunningQueries running, TenantAccess access, TenantQuotas quotas,
            CommitGroups commitGroups) {
        this.commitGroups = commitGroups;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.prepared = prepared;
        this.timer = timer;
        this.metrics = metrics;
        this.running = running;
        this.access = access;
        this.quotas = quotas;
        this.batchSteps = new BatchSteps(this::record);
    }

    @Override
    public OpenQuery open(QueryCommand command, CancellationSignal signal) {
        if (command.maxRows() < 0) {
            throw ServiceException.invalid("max_rows may not be negative");
        }
        TenantCall call = access.enter(command.caller());
        try {
            DatabaseDescriptor descriptor = catalog.resolve(call.tenant(), command.databaseRef());
            BoundSql sql = checkedSql(descriptor, command.sql(), command.statementId(), command.parameters());
            quotas.requireRoomUnlessReadOnly(call.tenant(), sql.sql());
            return start(descriptor, sql, command.timeoutSeconds(), signal, command.maxRows(), call);
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    @Override
    public String explain(QueryCommand command, CancellationSignal signal) {
        TenantCall call = access.enter(command.caller());
        DatabaseDescriptor descriptor;
        BoundSql sql;
        try {
            descriptor = catalog.resolve(call.tenant(), command.databaseRef());
            sql = checkedSql(descriptor, command.sql(), command.statementId(), command.parameters());
            if (SqlScript.parse(sql.sql()).statementCount() != 1) {
                throw ServiceException.invalid("explain needs exactly one statement");
            }
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
        String plannable = SqlScript.parse(sql.sql()).firstKeyword().equals("EXPLAIN") ? sql.sql() : "EXPLAIN " + sql.sql();
        StringBuilder plan = new StringBuilder();
        try (OpenQuery query = start(descriptor, new BoundSql(plannable, sql.values()), command.timeoutSeconds(), signal,
                0, call)) {
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
        TenantCall call = access.enter(command.caller());
        DatabaseDescriptor descriptor;
        BoundSql sql;
        try {
            descriptor = catalog.resolve(call.tenant(), command.databaseRef());
            sql = checkedSql(descriptor, command.sql(), command.statementId(), command.parameters());
            quotas.requireRoomUnlessReadOnly(call.tenant(), sql.sql());
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
        SqlScript script = SqlScript.parse(sql.sql());
        if (CommitGroups.isGroupable(script)) {
            return writeInGroup(descriptor, sql, script.lastChangesRows(), command.timeoutSeconds(), signal, call);
        }
        try (OpenQuery query = start(descriptor, sql, command.timeoutSeconds(), signal, 0, call)) {
            return script.lastChangesRows() && !query.columns().isEmpty()
                    ? BatchSteps.countRows(query::next) : query.affectedRows();
        }
    }

    /** One autocommit data change, committed together with other callers' writes to the database ({@link CommitGroups}). */
    private long writeInGroup(DatabaseDescriptor descriptor, BoundSql sql, boolean countReturning, int timeoutSeconds,
            CancellationSignal signal, TenantCall call) {
        try (call) {
            Runnable disarm = timer.arm(signal, access.timeoutSeconds(timeoutSeconds));
            try (Lease lease = lifecycle.acquire(descriptor, signal);
                    RunningQueries.Entry entry = running.started(descriptor, sql.sql(), signal)) {
                long start = System.nanoTime();
                boolean succeeded = false;
                try {
                    long changed = commitGroups.write(DatabaseKey.of(descriptor.tenant(), descriptor.name()), lease, sql,
                            signal, countReturning);
                    entry.produced(changed);
                    succeeded = true;
                    return changed;
                } finally {
                    record(lease, System.nanoTime() - start, succeeded);
                }
            } finally {
                disarm.run();
            }
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
        try (TenantCall call = access.enter(command.caller())) {
            DatabaseDescriptor descriptor = catalog.resolve(call.tenant(), command.databaseRef());
            List<BoundSql> statements = new ArrayList<>();
            for (String statement : command.statements()) {
                statements.add(checkedSql(descriptor, statement, "", Map.of()));
                quotas.requireRoomUnlessReadOnly(call.tenant(), statement);
            }
            String listed = String.join(";\n", statements.stream().map(BoundSql::sql).toList());
            Runnable disarm = timer.arm(signal, access.timeoutSeconds(0));
            try (Lease lease = lifecycle.acquire(descriptor, signal); EngineSession session = lease.openSession();
                    RunningQueries.Entry entry = running.started(descriptor, listed, signal)) {
                return command.transactional()
                        ? batchSteps.runAllOrNothing(lease, session, statements, signal, entry)
                        : batchSteps.runEach(lease, session, statements, signal, entry);
            } finally {
                disarm.run();
            }
        }
    }


    @Override
    public PreparedStatementInfo prepare(Caller caller, String databaseRef, String sql) {
        try (TenantCall call = access.enter(caller)) {
            TenantId tenant = call.tenant();
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
    }

    /** Runs the SQL; the returned query owns the tenant call and frees its slot when closed (or at once on failure). */
    private OpenQuery start(DatabaseDescriptor descriptor, BoundSql sql, int timeoutSeconds, CancellationSignal signal,
            int maxRows, TenantCall call) {
        Runnable disarm;
        try {
            disarm = timer.arm(signal, access.timeoutSeconds(timeoutSeconds));
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
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
            return new RunningQuery(outcome, maxRows, signal, List.of(entry, session, lease, disarm::run, call),
                    System.nanoTime() - start, (nanos, succeeded) -> record(held, nanos, succeeded), entry::produced);
        } catch (RuntimeException e) {
            closeQuietly(entry);
            closeQuietly(session);
            closeQuietly(lease);
            disarm.run();
            call.close();
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
        return descriptor.tenant().id() + "/" + descriptor.id();
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
