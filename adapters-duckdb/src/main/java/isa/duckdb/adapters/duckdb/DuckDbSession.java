package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** One duplicated connection, used by one call. */
final class DuckDbSession implements EngineSession {
    private final DuckDBConnection connection;
    private final EngineErrors errors;

    DuckDbSession(DuckDBConnection connection, EngineErrors errors) {
        this.connection = connection;
        this.errors = errors;
    }

    @Override
    public StatementOutcome run(BoundSql sql, CancellationSignal signal) {
        Statement statement = null;
        Runnable unhook = () -> { };
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
                return StatementOutcome.rows(new JdbcRowCursor(statement, statement.getResultSet(), unhook, signal, errors));
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
    public List<String> parameterTypes(String sql) {
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
        return new DuckDbSchemaCatalog(new SqlRunner(connection, errors, signal));
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

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection that fails to close has nothing left to give back
        }
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
