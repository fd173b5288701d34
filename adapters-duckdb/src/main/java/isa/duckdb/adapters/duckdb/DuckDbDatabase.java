package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * An open DuckDB instance; each session is a connection duplicated from its root connection, reused by later
 * sessions through the {@link ConnectionPool} when it is left as fresh as a new one.
 */
final class DuckDbDatabase implements EngineDatabase {
    /** Idle connections kept per open database for the next calls (each costs DuckDB little memory). */
    private static final int IDLE_CONNECTIONS = 16;
    private final Path file;
    private final Path wal;
    private final DuckDBConnection root;
    private final EngineErrors errors;
    private final BufferAllocator allocator;
    private final StoredSql storedSql;
    private final ConnectionPool pool;

    /** @param allocator where sessions' results allocate their Arrow buffers */
    DuckDbDatabase(Path file, DuckDBConnection root, EngineErrors errors, BufferAllocator allocator) {
        this.storedSql = new StoredSql(root);
        this.allocator = allocator;
        this.file = file;
        this.wal = file.resolveSibling(file.getFileName() + ".wal");
        this.root = root;
        this.errors = errors;
        this.pool = new ConnectionPool(root, IDLE_CONNECTIONS);
    }

    @Override
    public EngineSession openSession() {
        try {
            return new DuckDbSession(pool.take(), pool, errors, allocator, storedSql);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    @Override
    public synchronized void snapshotTo(Path target) {
        try (Statement statement = root.createStatement()) {
            statement.execute("CHECKPOINT");
            if (sizeOf(wal) > 0) {
                statement.execute("FORCE CHECKPOINT");
            }
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
        if (sizeOf(wal) > 0) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "the database could not be checkpointed; it stays dirty");
        }
        try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "could not snapshot the database file", e);
        }
    }

    @Override
    public String changeMarker() {
        return stamp(file) + "|" + (wal.toFile().exists() ? stamp(wal) : "-");
    }

    @Override
    public long walLength() {
        return sizeOf(wal);
    }

    @Override
    public void copyWal(long from, long to, Path target) {
        try (FileChannel in = FileChannel.open(wal, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            if (in.size() < to) {
                throw new ServiceException(ErrorKind.INTERNAL, "the write-ahead log is shorter than expected");
            }
            long position = from;
            while (position < to) {
                position += in.transferTo(position, to - position, out);
            }
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "could not read the write-ahead log", e);
        }
    }

    @Override
    public String fileMarker() {
        return stamp(file);
    }

    @Override
    public int tableCount() {
        try (DuckDBConnection connection = root.duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND NOT internal")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    @Override
    public long memoryBytes() {
        try (DuckDBConnection connection = root.duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    @Override
    public long sizeBytes() {
        return sizeOf(file) + sizeOf(wal);
    }

    @Override
    public synchronized void close() {
        pool.close();
        try {
            root.close();
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    /**
     * Size and modification time of the file in one {@code stat}; {@code -} when it does not exist. The log, missing
     * between checkpoints of a database only read, is first looked for with {@link java.io.File#exists()}
     * ({@link #changeMarker()}): NIO tells a missing file by an exception, whose stack trace cost 6% of a
     * {@code SELECT 1} call's CPU, and the marker is read at the end of every call while a database is clean.
     */
    private static String stamp(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            FileTime modified = attributes.lastModifiedTime();
            return attributes.size() + "@" + modified.toMillis() + "." + modified.toInstant().getNano();
        } catch (NoSuchFileException e) {
            return "-";
        } catch (IOException e) {
            return "?" + System.nanoTime();
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
