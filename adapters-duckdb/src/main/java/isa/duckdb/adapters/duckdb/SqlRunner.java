package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.CancellationSignal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.Value;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBResultSet;

/** Runs the service's own SQL on a session's connection: interruptible, with errors translated. */
final class SqlRunner {
    private final Connection connection;
    private final EngineErrors errors;
    private final CancellationSignal signal;
    private final BufferAllocator allocator;

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** @param allocator the parent of the Arrow allocator of {@link #typedRows}' results */
    SqlRunner(Connection connection, EngineErrors errors, CancellationSignal signal, BufferAllocator allocator) {
        this.allocator = allocator;
        this.connection = connection;
        this.errors = errors;
        this.signal = signal;
    }

    <T> List<T> query(String sql, List<String> parameters, RowReader<T> reader) {
        PreparedStatement statement = null;
        Runnable unhook = () -> { };
        try {
            statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            unhook = hook(statement);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
            }
            return result;
        } catch (SQLException e) {
            throw errors.translate(e, signal);
        } finally {
            unhook.run();
            DuckDbSession.closeQuietly(statement);
        }
    }

    /** Every row of a query, typed as a result cell would be (read through Arrow like any result). */
    List<Value[]> typedRows(String sql) {
        Statement statement = null;
        Runnable unhook = () -> { };
        try {
            statement = connection.createStatement();
            unhook = hook(statement);
            statement.execute(sql);
        } catch (SQLException e) {
            unhook.run();
            DuckDbSession.closeQuietly(statement);
            throw errors.translate(e, signal);
        }
        try (ArrowRowCursor cursor = new ArrowRowCursor(statement, statement.getResultSet().unwrap(DuckDBResultSet.class),
                allocator.newChildAllocator("catalog", 0, Long.MAX_VALUE), unhook, signal, errors, List::of)) {
            List<Value[]> rows = new ArrayList<>();
            for (RowBatch batch = cursor.next(Integer.MAX_VALUE); batch.rowCount() > 0; batch = cursor.next(Integer.MAX_VALUE)) {
                rows.addAll(batch.toRows());
            }
            return rows;
        } catch (SQLException e) {
            throw errors.translate(e, signal);
        }
    }

    void execute(String sql) {
        Statement statement = null;
        Runnable unhook = () -> { };
        try {
            statement = connection.createStatement();
            unhook = hook(statement);
            statement.execute(sql);
        } catch (SQLException e) {
            throw errors.translate(e, signal);
        } finally {
            unhook.run();
            DuckDbSession.closeQuietly(statement);
        }
    }

    /** Runs every statement or none. */
    void executeAll(List<String> statements) {
        try {
            connection.setAutoCommit(false);
            try {
                statements.forEach(this::execute);
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw errors.translate(e, signal);
        }
    }

    /** Has DuckDB prepare the statement (parse and bind, nothing runs) and gives its result column types. */
    List<String> resultTypes(String sql) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            var metadata = statement.getMetaData();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                types.add(metadata.getColumnTypeName(i));
            }
            return types;
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    private Runnable hook(Statement statement) {
        if (signal.isCancelled()) {
            throw signal.asException("the call");
        }
        return signal.onCancel(() -> {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // it ended already
            }
        });
    }
}
