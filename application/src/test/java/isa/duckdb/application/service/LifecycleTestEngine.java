package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.FileImport;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal engine double for the lifecycle's tests: a database file holds its committed
 * statements, one a line; every statement run commits; {@code snapshotTo} writes the file and
 * copies it; {@code open} reads it back. Records every open with its limits, and can be told to
 * fail the next open or snapshot.
 */
final class LifecycleTestEngine implements QueryEngine {

    /** One {@link #open} call: the file, the limits it was given, and the database it returned. */
    record Opened(Path file, EngineLimits limits, TestDatabase database) {
    }

    private final List<Opened> opened = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failNextOpen = new AtomicBoolean();
    private final AtomicBoolean failNextSnapshot = new AtomicBoolean();
    private final AtomicReference<CountDownLatch> holdNextOpen =
            new AtomicReference<>();
    private final AtomicInteger opensWaiting = new AtomicInteger();

    /** Every open so far, oldest first. */
    List<Opened> opened() {
        return List.copyOf(opened);
    }

    void failNextOpen() {
        failNextOpen.set(true);
    }

    void failNextSnapshot() {
        failNextSnapshot.set(true);
    }

    /** The statements a file written by {@code snapshotTo} holds. */
    static List<String> statementsIn(byte[] content) {
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** Makes the next open wait until the returned latch is counted down. */
    CountDownLatch holdNextOpen() {
        CountDownLatch latch = new CountDownLatch(1);
        holdNextOpen.set(latch);
        return latch;
    }

    /** How many opens are held right now. */
    int opensWaiting() {
        return opensWaiting.get();
    }

    @Override
    public EngineDatabase open(Path databaseFile, EngineLimits limits) {
        CountDownLatch hold = holdNextOpen.getAndSet(null);
        if (hold != null) {
            opensWaiting.incrementAndGet();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            } finally {
                opensWaiting.decrementAndGet();
            }
        }
        if (failNextOpen.getAndSet(false)) {
            throw new ServiceException(ErrorKind.INTERNAL, "the test engine was told to fail this open");
        }
        try {
            List<String> statements = Files.exists(databaseFile)
                    ? statementsIn(Files.readAllBytes(databaseFile)) : List.of();
            if (!Files.exists(databaseFile)) {
                Files.createFile(databaseFile);
            }
            TestDatabase database = new TestDatabase(databaseFile, statements);
            opened.add(new Opened(databaseFile, limits, database));
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isDatabaseFile(Path file) {
        return Files.isRegularFile(file);
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public void selfTest() {
    }

    /** An open database of the double. */
    final class TestDatabase implements EngineDatabase {
        private final Path file;
        private final List<String> committed;
        private int version;
        private volatile boolean closed;

        private TestDatabase(Path file, List<String> statements) {
            this.file = file;
            this.committed = new ArrayList<>(statements);
        }

        boolean isClosed() {
            return closed;
        }

        synchronized List<String> committed() {
            return List.copyOf(committed);
        }

        private synchronized void commit(String sql) {
            committed.add(sql);
            version++;
        }

        @Override
        public EngineSession openSession() {
            return new TestSession(this);
        }

        @Override
        public synchronized void snapshotTo(Path target) {
            if (failNextSnapshot.getAndSet(false)) {
                throw new ServiceException(ErrorKind.INTERNAL, "the test engine was told to fail this snapshot");
            }
            try {
                Files.writeString(file, String.join("\n", committed));
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized String changeMarker() {
            return "version-" + version;
        }

        @Override
        public synchronized int tableCount() {
            return (int) committed.stream().filter(s -> s.startsWith("CREATE TABLE")).count();
        }

        @Override
        public synchronized long sizeBytes() {
            return String.join("\n", committed).length();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Runs statements by committing them; everything else is beyond what the lifecycle needs. */
    private static final class TestSession implements EngineSession {
        private final TestDatabase database;

        TestSession(TestDatabase database) {
            this.database = database;
        }

        @Override
        public StatementOutcome run(BoundSql sql, CancellationSignal signal) {
            database.commit(sql.sql());
            return StatementOutcome.affected(0);
        }

        @Override
        public long importFile(FileImport request, CancellationSignal signal) {
            throw new UnsupportedOperationException("not needed by the lifecycle tests");
        }

        @Override
        public long exportQuery(String query, Path file, FileOptions options, CancellationSignal signal) {
            throw new UnsupportedOperationException("not needed by the lifecycle tests");
        }

        @Override
        public String fileReader(Path file, FileOptions options) {
            throw new UnsupportedOperationException("not needed by the lifecycle tests");
        }

        @Override
        public List<String> parameterTypes(String sql) {
            throw new UnsupportedOperationException("not needed by the lifecycle tests");
        }

        @Override
        public SchemaCatalog catalog(CancellationSignal signal) {
            throw new UnsupportedOperationException("not needed by the lifecycle tests");
        }

        @Override
        public void begin() {
        }

        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }

        @Override
        public void close() {
        }
    }
}
