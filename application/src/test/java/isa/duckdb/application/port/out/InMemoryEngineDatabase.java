package isa.duckdb.application.port.out;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An open database of the fake engine. Its committed data lives in memory and is written through
 * to its file at every commit (as DuckDB's write-ahead log would keep it), so closing and
 * reopening the file, or copying it with {@link #snapshotTo}, keeps every committed row.
 */
public final class InMemoryEngineDatabase implements EngineDatabase {
    private final InMemoryQueryEngine engine;
    private final Path file;
    private final EngineLimits limits;
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private FakeState committed;
    private int openSessions;
    private boolean open = true;

    InMemoryEngineDatabase(InMemoryQueryEngine engine, Path file, EngineLimits limits, FakeState committed) {
        this.engine = engine;
        this.file = file;
        this.limits = limits;
        this.committed = committed;
    }

    @Override
    public synchronized EngineSession openSession() {
        checkOpen();
        openSessions++;
        return new InMemoryEngineSession(engine, this);
    }

    /** Copies the database file; fails with what {@link InMemoryQueryEngine#failNextSnapshot} was given. */
    @Override
    public synchronized void snapshotTo(Path target) {
        checkOpen();
        engine.takeSnapshotFailure().ifPresent(failure -> {
            throw failure;
        });
        try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "could not snapshot the database file", e);
        }
    }

    /** The count of committed writes the file has seen (kept in the file: the same after a reopen). */
    @Override
    public synchronized String changeMarker() {
        return "v" + committed.version;
    }

    @Override
    public synchronized int tableCount() {
        checkOpen();
        return committed.tables.size();
    }

    @Override
    public long sizeBytes() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The fake holds its tables in the Java heap; it reports the file's size as what it would keep. */
    @Override
    public synchronized long memoryBytes() {
        checkOpen();
        return sizeBytes();
    }

    @Override
    public synchronized void close() {
        if (open) {
            open = false;
        }
    }

    /** The database file it was opened on. */
    public Path file() {
        return file;
    }

    /** The limits it was opened with. */
    public EngineLimits limits() {
        return limits;
    }

    public synchronized boolean isOpen() {
        return open;
    }

    /** Sessions opened and not closed yet. */
    public synchronized int openSessions() {
        return openSessions;
    }

    /** Every SQL text run on this database, in order (imports as the INSERT they stand for). */
    public List<String> executed() {
        return List.copyOf(executed);
    }

    void record(String sql) {
        executed.add(sql);
    }

    synchronized void sessionClosed() {
        openSessions--;
    }

    synchronized void checkOpen() {
        if (!open) {
            throw new IllegalStateException("fake engine: the database " + file.getFileName() + " is closed");
        }
    }

    synchronized FakeState committedCopy() {
        return committed.copy();
    }

    /** One statement in its own transaction: kept (and written to the file) only when it succeeds and wrote. */
    synchronized <T> T autoCommit(Function<FakeState, T> change, Predicate<T> wrote) {
        FakeState attempt = committed.copy();
        T result = change.apply(attempt);
        if (wrote.test(result)) {
            commit(attempt);
        }
        return result;
    }

    synchronized void commit(FakeState state) {
        checkOpen();
        state.version = committed.version + 1;
        FakeDatabaseFile.write(file, state);
        committed = state;
    }
}
