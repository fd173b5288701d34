package isa.duckdb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * PostgreSQL over pgjdbc on loopback (the cluster {@code bench/run.sh} starts). Scans use a
 * cursor (auto-commit off, fetch size 10,000, as pgjdbc's docs require for fetching in parts);
 * client thread {@code t} has its own auto-commit connection for the rate workloads.
 */
public final class PostgresContender implements Contender {
    /** Rows per round trip of a scan. */
    static final int FETCH_SIZE = 10_000;

    private final String url;
    private final Connection connection;
    private final List<Connection> clients = new ArrayList<>();
    private final List<Statement> statements = new ArrayList<>();
    private final AtomicLong insertSequence = new AtomicLong();

    /** Connects to {@code jdbc:postgresql://host:port/database?user=user}. */
    public PostgresContender(String host, int port, String database, String user) throws SQLException {
        this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
        this.connection = DriverManager.getConnection(url);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    /** Creates lineitem from a CSV file (COPY FROM STDIN), analyses it, and creates {@code hits}. */
    public void load(Path csv) throws SQLException, IOException {
        execute("DROP TABLE IF EXISTS " + Lineitem.TABLE);
        execute("DROP TABLE IF EXISTS hits");
        execute(Lineitem.POSTGRES_DDL);
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + Lineitem.TABLE + " FROM STDIN (FORMAT csv)", reader, 1 << 16);
        }
        execute("VACUUM ANALYZE " + Lineitem.TABLE);
        execute("CREATE TABLE hits(t INTEGER, n BIGINT)");
    }

    /** The server's version text. */
    public String version() throws SQLException {
        return single("SHOW server_version");
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
        connection.setAutoCommit(false);
        try {
            return JdbcScan.scan(connection, Lineitem.SCAN, FETCH_SIZE);
        } finally {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public ScanResult scanArrow() throws NotAvailable {
        throw new NotAvailable("—");
    }

    @Override
    public List<String> q1() throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(Lineitem.Q1)) {
            while (rows.next()) {
                result.add(Q1Rows.row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(10)));
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
        while (clients.size() <= thread) {
            clients.add(DriverManager.getConnection(url));
        }
        Statement statement = clients.get(thread).createStatement();
        statements.add(statement);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (Statement statement : statements) {
            statement.close();
        }
        for (Connection client : clients) {
            client.close();
        }
        connection.close();
    }
}
