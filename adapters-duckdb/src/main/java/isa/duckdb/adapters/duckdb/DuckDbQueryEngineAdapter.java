package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/** One sandboxed DuckDB instance per open database file, through the JDBC driver. */
public final class DuckDbQueryEngineAdapter implements QueryEngine {
    /** DuckDB's main header: 8 bytes of checksum, then the magic bytes. */
    private static final int MAGIC_OFFSET = 8;
    private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
    private final DuckDBConnection probe;
    private final String version;
    /** Every result's Arrow buffers are accounted under this one allocator (no limit of its own). */
    private final BufferAllocator allocator = new RootAllocator();
    private Map<String, String> timeZones;

    @Inject
    public DuckDbQueryEngineAdapter() {
        this.probe = inMemoryProbe();
        this.version = queryVersion();
    }

    @Override
    public EngineDatabase open(Path databaseFile, EngineLimits limits) {
        EngineErrors errors = new EngineErrors(databaseFile.getParent());
        DuckDBConnection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + databaseFile.toAbsolutePath(),
                    Sandbox.properties(limits)).unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
        try (Statement statement = connection.createStatement()) {
            if (!isLocked(statement)) {
                for (String sql : Sandbox.statementsAtOpen(limits)) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw errors.translate(e, null);
        }
        try {
            return new DuckDbDatabase(databaseFile, connection, errors, allocator);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Looks the name up in DuckDB's {@code pg_timezone_names()} (the ICU zones DuckDB's {@code TimeZone} accepts),
     * without regard to case, read once on first use.
     */
    @Override
    public Optional<String> timeZone(String name) {
        return Optional.ofNullable(timeZones().get(name.toLowerCase(Locale.ROOT)));
    }

    private synchronized Map<String, String> timeZones() {
        if (timeZones == null) {
            Map<String, String> zones = new HashMap<>();
            try (Connection connection = probe.duplicate();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name FROM pg_timezone_names()")) {
                while (rows.next()) {
                    zones.putIfAbsent(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(1));
                }
            } catch (SQLException e) {
                throw new ServiceException(ErrorKind.INTERNAL, "the engine's time zones cannot be read", e);
            }
            timeZones = Map.copyOf(zones);
        }
        return timeZones;
    }

    /**
     * Whether the instance was set up already: the JDBC driver shares one instance among the connections it opens
     * to the same file in this process (with the same settings), and the first one set its zone and locked it.
     */
    private static boolean isLocked(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT current_setting('lock_configuration')")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the failure that made us close it is what the caller needs
        }
    }

    @Override
    public boolean isDatabaseFile(Path file) {
        byte[] header = new byte[MAGIC_OFFSET + MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, header.length) < header.length) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(header, MAGIC_OFFSET, header.length), MAGIC);
    }

    @Override
    public String version() {
        return version;
    }

    /** Runs a query on a connection of a small in-memory instance kept for this (opening one costs ~30 ms). */
    @Override
    public void selfTest() {
        try (Connection connection = probe.duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 42")) {
            if (!rows.next() || rows.getInt(1) != 42) {
                throw new ServiceException(ErrorKind.INTERNAL, "the engine answered SELECT 42 wrongly");
            }
        } catch (SQLException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "the engine does not answer", e);
        }
    }

    private static DuckDBConnection inMemoryProbe() {
        try {
            java.util.Properties settings = new java.util.Properties();
            settings.setProperty("enable_external_access", "false");
            settings.setProperty("threads", "1");
            settings.setProperty("memory_limit", "64MB");
            return DriverManager.getConnection("jdbc:duckdb:", settings).unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB cannot start: " + e.getMessage(), e);
        }
    }

    private String queryVersion() {
        try (Connection connection = probe.duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version()")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB cannot start: " + e.getMessage(), e);
        }
    }
}
