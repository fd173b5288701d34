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

    @Inject
    public DuckDbQueryEngineAdapter() {
        this.probe = inMemoryProbe();
        this.version = queryVersion();
    }

    @Override
    public EngineDatabase open(Path databaseFile, EngineLimits limits) {
        EngineErrors errors = new EngineErrors(databaseFile.getParent());
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + databaseFile.toAbsolutePath(),
                    Sandbox.properties(limits));
            return new DuckDbDatabase(databaseFile, connection.unwrap(DuckDBConnection.class), errors, allocator);
        } catch (SQLException e) {
            throw errors.translate(e, null);
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
