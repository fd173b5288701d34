package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sandboxed DuckDB database in a test folder, laid out as the service lays it out: the file
 * {@code folder/main.duckdb} and the scratch folder {@code folder/scratch}, with one session.
 */
final class DuckDbTestDatabase implements AutoCloseable {
    static final DuckDbQueryEngineAdapter ENGINE = new DuckDbQueryEngineAdapter();

    final Path file;
    final Path scratch;
    final EngineDatabase database;
    final EngineSession session;

    DuckDbTestDatabase(Path folder) {
        this(folder, "UTC");
    }

    /** A database whose DuckDB {@code TimeZone} is the given zone (as a database's config may choose). */
    DuckDbTestDatabase(Path folder, String timeZone) {
        this(folder, timeZone, false);
    }

    /** A database in UTC, opened for log shipping ({@code --durability commit}) when {@code walShipping}. */
    DuckDbTestDatabase(Path folder, boolean walShipping) {
        this(folder, "UTC", walShipping);
    }

    private DuckDbTestDatabase(Path folder, String timeZone, boolean walShipping) {
        try {
            this.file = folder.resolve("main.duckdb");
            this.scratch = Files.createDirectories(folder.resolve("scratch"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.database = ENGINE.open(file, new EngineLimits(1, "256MB", scratch, timeZone, "", walShipping));
        this.session = database.openSession();
    }

    StatementOutcome run(String sql, Value... values) {
        return session.run(new BoundSql(sql, List.of(values)), CancellationSignal.none());
    }

    StatementOutcome run(String sql, Map<String, Value> parameters) {
        return session.run(BoundSql.of(sql, parameters), CancellationSignal.none());
    }

    /** Every row of the query's answer. */
    List<Value[]> rows(String sql, Value... values) {
        try (RowCursor cursor = run(sql, values).rows().orElseThrow()) {
            List<Value[]> rows = new ArrayList<>();
            for (List<Value[]> batch = cursor.next(500).toRows(); !batch.isEmpty(); batch = cursor.next(500).toRows()) {
                rows.addAll(batch);
            }
            return rows;
        }
    }

    /** The single value of a one-row, one-column answer. */
    Value value(String sql, Value... values) {
        return rows(sql, values).get(0)[0];
    }

    /** The error the statement fails with; AssertionError when it succeeds. */
    ServiceException failure(String sql) {
        return failure(sql, false);
    }

    /**
     * The error DuckDB's sandbox itself answers, the tenant SQL policy ({@link EngineSqlPolicy}) left out: what holds
     * should the policy miss something.
     */
    ServiceException sandboxFailure(String sql) {
        return failure(sql, true);
    }

    /** The single value of a one-row, one-column answer, the tenant SQL policy left out. */
    Value sandboxValue(String sql) {
        try (RowCursor cursor = ((DuckDbSession) session).runTrusted(new BoundSql(sql, List.of()),
                CancellationSignal.none()).rows().orElseThrow()) {
            return cursor.next(1).toRows().get(0)[0];
        }
    }

    private ServiceException failure(String sql, boolean beneathPolicy) {
        try {
            BoundSql bound = new BoundSql(sql, List.of());
            (beneathPolicy ? ((DuckDbSession) session).runTrusted(bound, CancellationSignal.none())
                    : session.run(bound, CancellationSignal.none())).rows().ifPresent(cursor -> {
                try (cursor) {
                    while (!cursor.next(500).toRows().isEmpty()) {
                        // read to the end: some errors only show while rows stream
                    }
                }
            });
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("expected a failure from: " + sql);
    }

    @Override
    public void close() {
        session.close();
        database.close();
    }
}
