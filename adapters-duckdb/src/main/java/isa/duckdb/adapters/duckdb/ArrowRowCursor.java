package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.RowBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBResultSet;

/**
 * A DuckDB result read as Arrow record batches ({@code DuckDBResultSet.arrowExportStream}): each
 * batch of up to {@link #ARROW_BATCH_ROWS} rows is handed out in slices, its cells read from the
 * vectors' buffers by {@link VectorReader}s. The first batch is loaded when the cursor is made, so
 * the column types (ENUM labels included) are known and a statement that fails at once fails here.
 */
final class ArrowRowCursor implements RowCursor {
    /** Rows per Arrow batch asked of DuckDB: a few of its 2,048-row vectors. */
    static final int ARROW_BATCH_ROWS = 8192;

    private final Statement statement;
    private final DuckDBResultSet rows;
    private final BufferAllocator allocator;
    private ArrowReader reader;
    private final Runnable unhook;
    private final CancellationSignal signal;
    private final EngineErrors errors;
    private final Supplier<List<String>> describedTypes;
    private List<Column> columns = List.of();
    private final ArrowIpc ipc;
    private VectorReader[] readers;
    private int batchRows;
    private int position;
    private boolean exhausted;
    private boolean closed;

    /**
     * The cursor owns statement, result, allocator and unhook from here on: it releases them when
     * closed, and at once when this constructor fails.
     * @param unhook detaches the statement from its cancellation signal, run on close
     * @param describedTypes DuckDB's type text of each column found another way, asked only when
     *     the result is empty and an ENUM's labels, which travel with the rows, are missing
     */
    ArrowRowCursor(Statement statement, DuckDBResultSet rows, BufferAllocator allocator, Runnable unhook,
            CancellationSignal signal, EngineErrors errors, Supplier<List<String>> describedTypes) throws SQLException {
        this.describedTypes = describedTypes;
        this.ipc = new ArrowIpc(() -> reader);
        this.statement = statement;
        this.rows = rows;
        this.allocator = allocator;
        this.unhook = unhook;
        this.signal = signal;
        this.errors = errors;
        try {
            this.reader = (ArrowReader) rows.arrowExportStream(allocator, ARROW_BATCH_ROWS);
            loadBatch();
            this.columns = describe(reader);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public synchronized RowBatch next(int maxRows) {
        if (closed) {
            return RowBatch.empty(columns.size());
        }
        if (signal.isCancelled()) {
            // DuckDB's interrupt stops execution only; rows already produced would flow on to the end
            throw signal.asException("the query");
        }
        while (!exhausted && position >= batchRows) {
            loadBatch();
        }
        if (exhausted) {
            return RowBatch.empty(columns.size());
        }
        int from = position;
        int count = Math.min(Math.max(maxRows, 0), batchRows - from);
        position += count;
        return new Slice(readers, from, count, ipc);
    }

    @Override
    public synchronized void writeArrowSchema(OutputStream out) throws IOException {
        ipc.writeSchema(root().getSchema(), out);
    }

    /** Whether {@link #close()} ran: the statement and its result are released. */
    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        unhook.run();
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the allocator below is closed regardless
        }
        try {
            rows.close();
        } catch (SQLException ignored) {
            // the statement close below releases it anyway
        }
        DuckDbSession.closeQuietly(statement);
        allocator.close();
    }

    private void loadBatch() {
        try {
            if (!reader.loadNextBatch()) {
                exhausted = true;
                batchRows = 0;
                position = 0;
                return;
            }
        } catch (IOException | RuntimeException e) {
            throw errors.translate(e, signal);
        }
        VectorSchemaRoot root = root();
        List<FieldVector> vectors = root.getFieldVectors();
        readers = new VectorReader[vectors.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = VectorReaders.forVector(vectors.get(i), reader);
        }
        batchRows = root.getRowCount();
        position = 0;
    }

    private VectorSchemaRoot root() {
        try {
            return reader.getVectorSchemaRoot();
        } catch (IOException e) {
            throw errors.translate(e, signal);
        }
    }

    private List<Column> describe(ArrowReader arrow) {
        List<Field> fields = root().getSchema().getFields();
        List<String> described = exhausted && fields.stream().anyMatch(ArrowRowCursor::hasEnum) ? describedTypes.get() : null;
        List<Column> found = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            String type = described != null && i < described.size() && hasEnum(field)
                    ? described.get(i) : ArrowTypes.duckDbType(field, exhausted ? null : arrow);
            found.add(new Column(field.getName(), type));
        }
        return List.copyOf(found);
    }

    private static boolean hasEnum(Field field) {
        return field.getDictionary() != null || field.getChildren().stream().anyMatch(ArrowRowCursor::hasEnum);
    }

    /** Rows {@code from} to {@code from + count} of the current Arrow batch. */
    private record Slice(VectorReader[] readers, int from, int count, ArrowIpc ipc) implements RowBatch {
        @Override
        public void writeArrowIpc(OutputStream out) throws IOException {
            ipc.writeBatch(from, count, out);
        }

        @Override
        public int rowCount() {
            return count;
        }

        @Override
        public int columnCount() {
            return readers.length;
        }

        @Override
        public void write(int column, int row, CellWriter out) {
            readers[column].write(from + row, out);
        }
    }
}
