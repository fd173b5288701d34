package isa.duckdb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * DuckDB in this JVM (duckdb_jdbc) on a database file: the reference the service is built on.
 * Same DuckDB settings as the service's defaults (2 threads, 1 GB memory limit); results
 * streamed ({@code jdbc_stream_results}); client thread {@code t} uses its own duplicate of
 * one connection, as DuckDB's docs advise for concurrent use of one database.
 */
public final class InProcessDuckDb implements Contender {
    /** Arrow batch size for {@code arrowExportStream} (rows). */
    static final int ARROW_BATCH_ROWS = 65_536;

    private final DuckDBConnection connection;
    private final BufferAllocator allocator;
    private final List<Connection> duplicates = new ArrayList<>();
    private final List<Statement> statements = new ArrayList<>();
    private final AtomicLong insertSequence = new AtomicLong();

    /** Opens (or creates) the database file {@code file}. */
    public InProcessDuckDb(Path file, int threads, BufferAllocator allocator) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("threads", Integer.toString(threads));
        properties.setProperty("memory_limit", "1GB");
        properties.setProperty("jdbc_stream_results", "true");
        this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        this.allocator = allocator;
    }

    @Override
    public String name() {
        return "in-process DuckDB";
    }

    /** Creates lineitem ({@code rows} rows) and {@code hits}. */
    public void load(long rows) throws SQLException {
        execute("CREATE TABLE " + Lineitem.TABLE + " AS " + Lineitem.generateSql(rows));
        execute("CREATE TABLE hits(t INTEGER, n BIGINT)");
        execute("CHECKPOINT");
    }

    /** Writes lineitem as CSV without header (PostgreSQL's {@code COPY … (FORMAT csv)} reads it). */
    public void exportCsv(Path file) throws SQLException {
        execute("COPY " + Lineitem.TABLE + " TO '" + file.toString().replace("'", "''") + "' (FORMAT csv, HEADER false)");
    }

    /** DuckDB's version text ({@code v1.5.6}). */
    public String version() throws SQLException {
        return single("SELECT version()");
    }

    /** The first value of the first row of {@code sql}, as text. */
    public String single(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public ScanResult scanRows() throws SQLException {
        return JdbcScan.scan(connection, Lineitem.SCAN, 0);
    }

    @Override
    public ScanResult scanArrow() throws Exception {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(Lineitem.SCAN);
             ArrowReader reader = (ArrowReader) rows.unwrap(DuckDBResultSet.class)
                     .arrowExportStream(allocator, ARROW_BATCH_ROWS)) {
            Checksum checksum = null;
            while (reader.loadNextBatch()) {
                if (checksum == null) {
                    checksum = new Checksum(reader.getVectorSchemaRoot().getFieldVectors().size());
                }
                ArrowChecksum.add(reader.getVectorSchemaRoot(), checksum);
            }
            if (checksum == null) {
                checksum = new Checksum(Lineitem.COLUMNS.length);
            }
            return ScanResult.of(checksum, 0, System.nanoTime() - start);
        }
    }

    @Override
    public List<String> q1() throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(Lineitem.Q1)) {
            while (rows.next()) {
                result.add(Q1Rows.row(rows.getString(1), rows.getString(2), rows.getBigDecimal(3).toPlainString(),
                        rows.getBigDecimal(4).toPlainString(), Long.toString(rows.getLong(10))));
            }
        }
        return result;
    }

    @Override
    public Call selectOne(int thread) throws SQLException {
        Statement statement = statement(thread);
        return () -> {
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                if (!rows.next() || rows.getInt(1) != 1) {
                    throw new IllegalStateException("SELECT 1 answered no 1");
                }
            }
        };
    }

    @Override
    public Call insertOne(int thread) throws SQLException {
        Statement statement = statement(thread);
        return () -> {
            int count = statement.executeUpdate("INSERT INTO hits VALUES (" + thread + ", "
                    + insertSequence.incrementAndGet() + ")");
            if (count != 1) {
                throw new IllegalStateException("INSERT changed " + count + " rows");
            }
        };
    }

    @Override
    public long insertedRows() throws SQLException {
        return Long.parseLong(single("SELECT count(*) FROM hits"));
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private synchronized Statement statement(int thread) throws SQLException {
        while (duplicates.size() <= thread) {
            duplicates.add(connection.duplicate());
        }
        Statement statement = duplicates.get(thread).createStatement();
        statements.add(statement);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (Statement statement : statements) {
            statement.close();
        }
        for (Connection duplicate : duplicates) {
            duplicate.close();
        }
        connection.close();
    }
}
