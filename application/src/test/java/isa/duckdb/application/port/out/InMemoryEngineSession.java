package isa.duckdb.application.port.out;

import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.FileFormat;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A session of the fake engine. Outside a transaction each statement commits on its own (all or
 * nothing); between {@link #begin} and {@link #commit} it works on a private copy of the data that
 * other sessions do not see, and the commit replaces the database's data with it (no write
 * conflicts are detected: the last commit wins).
 */
public final class InMemoryEngineSession implements EngineSession {
    private final InMemoryQueryEngine engine;
    private final InMemoryEngineDatabase database;
    private FakeState transaction;
    private boolean transactionWrote;
    private boolean closed;

    InMemoryEngineSession(InMemoryQueryEngine engine, InMemoryEngineDatabase database) {
        this.engine = engine;
        this.database = database;
    }

    @Override
    public StatementOutcome run(BoundSql sql, CancellationSignal signal) {
        checkOpen();
        engine.record(database, sql.sql());
        if (signal.isCancelled()) {
            throw signal.asException("the query");
        }
        ScriptedAnswer whole = engine.scripted(sql.sql());
        if (whole != null) {
            return whole.answer(engine, sql.sql(), signal);
        }
        int expected = FakeSqlInterpreter.parameterCount(sql.sql());
        if (expected != sql.values().size()) {
            throw ServiceException.invalid("the statement has " + expected + " parameter(s) but "
                    + sql.values().size() + " value(s) were given");
        }
        List<String> statements = FakeSqlInterpreter.split(sql.sql());
        if (statements.isEmpty()) {
            throw ServiceException.invalid("Invalid Input Error: No statement to prepare!");
        }
        if (!sql.values().isEmpty() && statements.size() > 1) {
            throw ServiceException.invalid("Invalid Input Error: Cannot prepare multiple statements at once!");
        }
        StatementOutcome outcome = null;
        for (String statement : statements) {
            if (outcome != null) {
                outcome.rows().ifPresent(RowCursor::close);
            }
            outcome = statement(statement, sql.values(), signal);
        }
        return outcome;
    }

    private StatementOutcome statement(String statement, List<Value> values, CancellationSignal signal) {
        ScriptedAnswer scripted = engine.scripted(statement);
        if (scripted != null) {
            return scripted.answer(engine, statement, signal);
        }
        FakeSqlInterpreter.Result result = apply(state -> new FakeSqlInterpreter(state, values,
                database.limits().scratch(), statement).run(), FakeSqlInterpreter.Result::wrote);
        return result.columns() == null ? StatementOutcome.affected(result.affected())
                : StatementOutcome.rows(new InMemoryRowCursor(result.columns(), result.rows(), signal));
    }

    /**
     * Runs a change on a copy of the data this session sees, keeping it only when nothing throws:
     * into the transaction when one is open, else committed at once when {@code wrote} says so.
     */
    synchronized <T> T apply(Function<FakeState, T> change, Predicate<T> wrote) {
        checkOpen();
        if (transaction == null) {
            return database.autoCommit(change, wrote);
        }
        FakeState attempt = transaction.copy();
        T result = change.apply(attempt);
        transaction = attempt;
        transactionWrote |= wrote.test(result);
        return result;
    }

    @Override
    public long importFile(FileImport request, CancellationSignal signal) {
        checkOpen();
        engine.record(database, "INSERT INTO " + request.table().quoted() + " SELECT * FROM "
                + fileReader(request.file(), request.options()));
        if (signal.isCancelled()) {
            throw signal.asException("the query");
        }
        FakeCsv.checkAccess(database.limits().scratch(), request.file());
        FakeCsv.Content content = FakeCsv.read(request.file());
        long rows = apply(state -> FakeImport.into(state, request, content), count -> true);
        if (transaction != null) {
            commit();
        }
        return rows;
    }

    @Override
    public long exportQuery(String query, Path file, FileOptions options, CancellationSignal signal) {
        checkOpen();
        FakeCsv.checkAccess(database.limits().scratch(), file);
        StatementOutcome outcome = run(new BoundSql(query, List.of()), signal);
        try (RowCursor cursor = outcome.rows().orElseThrow(() -> ServiceException.invalid(
                "Parser Error: COPY needs a query that returns rows"))) {
            List<Value[]> rows = new ArrayList<>();
            for (List<Value[]> batch = cursor.next(1024).toRows(); !batch.isEmpty(); batch = cursor.next(1024).toRows()) {
                rows.addAll(batch);
            }
            return FakeCsv.write(file, cursor.columns(), rows);
        }
    }

    /** {@code read_csv('file', option = value, …)} (or read_parquet, read_json): all read the fake's CSV. */
    @Override
    public String fileReader(Path file, FileOptions options) {
        String function = options.format() == FileFormat.CSV ? "read_csv"
                : options.format() == FileFormat.PARQUET ? "read_parquet" : "read_json";
        StringBuilder sql = new StringBuilder(function).append("('").append(file.toString().replace("'", "''")).append('\'');
        for (Map.Entry<String, FileOptions.OptionValue> option : options.values().entrySet()) {
            sql.append(", ").append(option.getKey()).append(" = ");
            if (option.getValue() instanceof FileOptions.Text text) {
                sql.append('\'').append(text.value().replace("'", "''")).append('\'');
            } else if (option.getValue() instanceof FileOptions.Flag flag) {
                sql.append(flag.value());
            } else {
                sql.append(((FileOptions.Number) option.getValue()).value());
            }
        }
        return sql.append(')').toString();
    }

    @Override
    public List<String> parameterTypes(String sql) {
        checkOpen();
        return apply(state -> FakeParameterTypes.of(state, sql), types -> false);
    }

    @Override
    public SchemaCatalog catalog(CancellationSignal signal) {
        return new InMemorySchemaCatalog(this, signal);
    }

    @Override
    public synchronized void begin() {
        checkOpen();
        if (transaction == null) {
            transaction = database.committedCopy();
            transactionWrote = false;
        }
    }

    @Override
    public synchronized void commit() {
        checkOpen();
        if (transaction != null && transactionWrote) {
            database.commit(transaction);
        }
        transaction = null;
    }

    @Override
    public synchronized void rollback() {
        checkOpen();
        transaction = null;
    }

    /** Whether a transaction is open (begun, neither committed nor rolled back). */
    public synchronized boolean inTransaction() {
        return transaction != null;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            transaction = null;
            database.sessionClosed();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("fake engine: the session is closed");
        }
        database.checkOpen();
    }
}
