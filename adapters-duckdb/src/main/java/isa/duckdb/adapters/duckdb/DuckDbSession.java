package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.application.port.out.FileImport;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlScript;
import isa.duckdb.domain.QualifiedName;
import java.nio.file.Path;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * One connection of the database's {@link ConnectionPool}, used by one call. It goes back to the pool when the
 * call closes it, if nothing the call ran can have left state on it (see the pool); else it is closed.
 */
final class DuckDbSession implements EngineSession {
    private final DuckDBConnection connection;
    private final EngineErrors errors;
    private final BufferAllocator allocator;
    private final ConnectionPool pool;
    private boolean reusable = true;
    private ArrowRowCursor lastCursor;
    private final Set<String> trustedFiles = new HashSet<>();
    private final StoredSql storedSql;

    /**
     * @param connection taken from {@code pool}, given back (or closed) by {@link #close()}
     * @param allocator the parent of each result's own Arrow allocator
     * @param storedSql the database's stored views and macros that tenant SQL may not name
     */
    DuckDbSession(DuckDBConnection connection, ConnectionPool pool, EngineErrors errors, BufferAllocator allocator,
            StoredSql storedSql) {
        this.storedSql = storedSql;
        this.connection = connection;
        this.pool = pool;
        this.errors = errors;
        this.allocator = allocator;
    }

    /**
     * Runs a tenant's SQL after {@link EngineSqlPolicy} allowed it (a file reader this session handed out by
     * {@link #fileReader} included).
     */
    @Override
    public StatementOutcome run(BoundSql sql, CancellationSignal signal) {
        checkTenantSql(sql.sql());
        return runTrusted(sql, signal);
    }

    /** {@link EngineSqlPolicy}, then the stored objects the SQL may not name ({@link StoredSql}). */
    private void checkTenantSql(String sql) {
        EngineSqlPolicy.check(sql, trustedFiles);
        storedSql.check(sql, connection);
    }

    /**
     * Runs the service's own SQL (import and export statements) without {@link EngineSqlPolicy}; DuckDB's sandbox
     * still applies.
     */
    StatementOutcome runTrusted(BoundSql sql, CancellationSignal signal) {
        Statement statement = null;
        Runnable unhook = () -> { };
        reusable = reusable && ConnectionPool.leavesNoState(sql.sql());
        try {
            boolean bound = !sql.values().isEmpty();
            statement = bound ? prepared(sql) : connection.createStatement();
            Statement running = statement;
            unhook = signal.onCancel(() -> cancelQuietly(running));
            if (signal.isCancelled()) {
                throw signal.asException("the query");
            }
            boolean hasRows = bound ? ((PreparedStatement) statement).execute() : statement.execute(sql.sql());
            if (hasRows) {
                return StatementOutcome.rows(cursor(statement, unhook, signal, sql));
            }
            long affected = statement.getLargeUpdateCount();
            closeQuietly(statement);
            unhook.run();
            return StatementOutcome.affected(affected);
        } catch (SQLException e) {
            unhook.run();
            closeQuietly(statement);
            throw errors.translate(e, signal);
        } catch (RuntimeException e) {
            unhook.run();
            closeQuietly(statement);
            throw e;
        }
    }

    private ArrowRowCursor cursor(Statement statement, Runnable unhook, CancellationSignal signal, BoundSql sql)
            throws SQLException {
        DuckDBResultSet rows = statement.getResultSet().unwrap(DuckDBResultSet.class);
        lastCursor = new ArrowRowCursor(statement, rows, allocator.newChildAllocator("result", 0, Long.MAX_VALUE),
                unhook, signal, errors, () -> describedTypes(sql, rows));
        return lastCursor;
    }

    /**
     * DuckDB's type text of each result column by {@code DESCRIBE} of the statement (a single one
     * without parameters), else the driver's own type names (which shorten a top-level ENUM to
     * {@code ENUM}).
     */
    private List<String> describedTypes(BoundSql sql, DuckDBResultSet rows) {
        List<String> types = new ArrayList<>();
        if (sql.values().isEmpty() && SqlScript.parse(sql.sql()).statementCount() == 1) {
            try (Statement describe = connection.createStatement();
                    ResultSet described = describe.executeQuery("DESCRIBE " + sql.sql())) {
                while (described.next()) {
                    types.add(described.getString("column_type"));
                }
                return types;
            } catch (SQLException e) {
                types.clear();
            }
        }
        try {
            var metadata = rows.getMetaData();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                types.add(metadata.getColumnTypeName(i));
            }
        } catch (SQLException e) {
            return List.of();
        }
        return types;
    }

    private PreparedStatement prepared(BoundSql sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.sql());
        try {
            ParameterBinder.bind(statement, sql.values());
            return statement;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(statement);
            throw e;
        }
    }

    @Override
    public long importFile(FileImport request, CancellationSignal signal) {
        String reader = FileSql.reader(request.file(), request.options());
        String table = request.table().quoted();
        begin();
        try {
            long rows;
            if (tableExists(request.table())) {
                if (request.truncate()) {
                    execute("DELETE FROM " + table, signal);
                }
                rows = execute("INSERT INTO " + table + " SELECT * FROM " + reader, signal);
            } else if (request.createIfMissing()) {
                execute("CREATE TABLE " + table + " AS SELECT * FROM " + reader, signal);
                rows = count(table);
            } else {
                throw ServiceException.notFound("table '" + request.table() + "' does not exist; set create_table to"
                        + " create it from the file");
            }
            commit();
            return rows;
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    @Override
    public long exportQuery(String query, Path file, FileOptions options, CancellationSignal signal) {
        checkTenantSql(query);
        return execute(FileSql.copyTo(query, file, options), signal);
    }

    @Override
    public String fileReader(Path file, FileOptions options) {
        trustedFiles.add(file.toString());
        return FileSql.reader(file, options);
    }

    private long execute(String sql, CancellationSignal signal) {
        StatementOutcome outcome = runTrusted(new BoundSql(sql, List.of()), signal);
        outcome.rows().ifPresent(cursor -> cursor.close());
        return outcome.affectedRows();
    }

    private boolean tableExists(QualifiedName table) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM duckdb_tables()"
                + " WHERE database_name = current_database() AND schema_name = ? AND table_name = ?")) {
            statement.setString(1, table.schemaName());
            statement.setString(2, table.name().value());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    private long count(String quotedTable) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + quotedTable)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the original failure is what the caller needs
        }
    }

    @Override
    public List<String> parameterTypes(String sql) {
        checkTenantSql(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            ParameterMetaData metadata = statement.getParameterMetaData();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= metadata.getParameterCount(); i++) {
                String type = metadata.getParameterTypeName(i);
                types.add(type == null || type.equals("INVALID") ? "UNKNOWN" : type);
            }
            return types;
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    @Override
    public SchemaCatalog catalog(CancellationSignal signal) {
        reusable = false;
        return new DuckDbSchemaCatalog(new SqlRunner(connection, errors, signal, allocator), fragment -> {
            EngineSqlPolicy.checkFragment(fragment);
            storedSql.check(fragment, connection);
        });
    }

    @Override
    public void begin() {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    @Override
    public void commit() {
        try {
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    @Override
    public void rollback() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    /** Gives the connection back to the pool when it is as fresh as a new one, else closes it. */
    @Override
    public void close() {
        boolean fresh = reusable && (lastCursor == null || lastCursor.isClosed());
        try {
            fresh = fresh && connection.getAutoCommit();
        } catch (SQLException e) {
            fresh = false;
        }
        pool.giveBack(connection, fresh);
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the statement already ended
        }
    }

    static void closeQuietly(Statement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }
}
