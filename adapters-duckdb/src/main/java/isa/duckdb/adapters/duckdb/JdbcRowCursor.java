package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.Value;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Rows of a streaming DuckDB result set, converted to typed values a batch at a time. */
final class JdbcRowCursor implements RowCursor {
    private final Statement statement;
    private final ResultSet rows;
    private final Runnable unhook;
    private final CancellationSignal signal;
    private final EngineErrors errors;
    private final List<Column> columns;
    private final CellReader[] readers;
    private boolean exhausted;
    private boolean closed;

    JdbcRowCursor(Statement statement, ResultSet rows, Runnable unhook, CancellationSignal signal, EngineErrors errors)
            throws SQLException {
        this.statement = statement;
        this.rows = rows;
        this.unhook = unhook;
        this.signal = signal;
        this.errors = errors;
        ResultSetMetaData metadata = rows.getMetaData();
        int count = metadata.getColumnCount();
        List<Column> found = new ArrayList<>(count);
        readers = new CellReader[count];
        for (int i = 1; i <= count; i++) {
            String type = metadata.getColumnTypeName(i);
            found.add(new Column(metadata.getColumnName(i), type));
            readers[i - 1] = CellReader.forType(type);
        }
        this.columns = List.copyOf(found);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public synchronized List<Value[]> next(int maxRows) {
        if (exhausted || closed) {
            return List.of();
        }
        if (signal.isCancelled()) {
            // DuckDB's interrupt stops execution only; rows already streaming would flow on to the end
            throw signal.asException("the query");
        }
        List<Value[]> batch = new ArrayList<>(Math.min(maxRows, 4096));
        try {
            while (batch.size() < maxRows) {
                if (!rows.next()) {
                    exhausted = true;
                    break;
                }
                Value[] row = new Value[readers.length];
                for (int i = 0; i < readers.length; i++) {
                    row[i] = readers[i].read(rows, i + 1);
                }
                batch.add(row);
            }
            return batch;
        } catch (SQLException e) {
            throw errors.translate(e, signal);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        unhook.run();
        try {
            rows.close();
        } catch (SQLException ignored) {
            // the statement close below releases it anyway
        }
        DuckDbSession.closeQuietly(statement);
    }
}
