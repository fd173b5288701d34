package isa.duckdb.application.service;

import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.InMemoryDatabaseOwnership;
import isa.duckdb.application.port.out.InMemoryEngineDatabase;
import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * A lifecycle over the in-memory storage, the fake engine and a clock the test moves: at most
 * {@value #MAX_OPEN} databases open, {@value #THREADS} threads and {@value #MEMORY} each, idle
 * after {@link #IDLE_TIMEOUT}.
 */
final class LifecycleFixture {
    static final TenantId TENANT = TenantId.of("lena");
    static final int MAX_OPEN = 2;
    static final int THREADS = 4;
    static final String MEMORY = "1GB";
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(30);

    final Path work;
    private final Path seeds;
    final ManualClock clock = new ManualClock();
    final InMemoryObjectStorage storage;
    final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    /** Reads what storage holds, so that the engine under test records only the lifecycle's work. */
    private final InMemoryQueryEngine reader = new InMemoryQueryEngine();
    final DatabaseCatalog catalog;
    final LifecycleSettings settings;
    final DatabaseLifecycle lifecycle;
    /** This lifecycle's instance on the ownership coordinator. */
    final InMemoryDatabaseOwnership ownership;
    /** Each pause the lifecycle took (the final sync between storage probes); it moves {@link #clock}. */
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    /** Runs after each pause, with how many pauses were taken so far (a test may end an outage there). */
    volatile IntConsumer afterPause = count -> { };

    /** @param root an empty folder: the work root and the files built for storage go under it */
    LifecycleFixture(Path root) {
        this(root, UnaryOperator.identity());
    }

    /** @param wrap what the lifecycle sees of the fake engine (e.g. one that can hold an open back) */
    LifecycleFixture(Path root, UnaryOperator<QueryEngine> wrap) {
        this(root, wrap, InMemoryDatabaseOwnership.alone());
    }

    /** @param ownership this instance on an ownership coordinator other instances may share */
    LifecycleFixture(Path root, UnaryOperator<QueryEngine> wrap, InMemoryDatabaseOwnership ownership) {
        this(root, wrap, ownership, null);
    }

    /**
     * @param sharedStorage the storage of another fixture (two instances on one bucket), or null for its own
     *     (whose clock is this fixture's)
     */
    LifecycleFixture(Path root, UnaryOperator<QueryEngine> wrap, InMemoryDatabaseOwnership ownership,
            InMemoryObjectStorage sharedStorage) {
        this.storage = sharedStorage != null ? sharedStorage : new InMemoryObjectStorage(clock);
        this.catalog = new DatabaseCatalog(storage, new BucketOwnership(storage), clock);
        this.ownership = ownership;
        this.work = root.resolve("work");
        this.seeds = root.resolve("seeds");
        this.settings = new LifecycleSettings(work, THREADS, MEMORY, MAX_OPEN, IDLE_TIMEOUT, SYNC_INTERVAL);
        this.lifecycle = new DatabaseLifecycle(storage, wrap.apply(engine), settings, catalog, clock, pause -> {
            clock.advance(pause);
            pauses.add(pause);
            afterPause.accept(pauses.size());
        }, ownership);
    }

    static String bucket() {
        return TENANT.databaseBucket();
    }

    static DatabaseDescriptor descriptor(String name, DatabaseSettings settings) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        return new DatabaseDescriptor(name + "-id", DatabaseName.of(name), TENANT, "", created, created, Map.of(),
                settings, 0);
    }

    /** A database in storage only (not open here) holding the given statements. */
    DatabaseDescriptor stored(String name, String... statements) {
        return stored(descriptor(name, DatabaseSettings.DEFAULTS), statements);
    }

    DatabaseDescriptor stored(DatabaseDescriptor descriptor, String... statements) {
        catalog.claimBucket(TENANT);
        Path file = engineFile(seeds.resolve(descriptor.name().value()), statements);
        storage.upload(bucket(), StorageLayout.databaseKey(descriptor.name()), file);
        catalog.register(descriptor);
        return descriptor;
    }

    /** Puts a working copy holding the statements where a crashed run would have left it. */
    Path leaveWorkingCopy(String name, String... statements) {
        Path directory = work.resolve(bucket()).resolve(name);
        engineFile(directory, statements);
        return directory;
    }

    /** Writes an engine file {@code {directory}/{name}.duckdb} holding the committed statements. */
    private Path engineFile(Path directory, String... statements) {
        try {
            Files.createDirectories(directory);
            Files.createDirectories(seeds);
            Path built = Files.createTempDirectory(seeds, "build").resolve("db.duckdb");
            EngineDatabase database = reader.open(built, new EngineLimits(1, "", built.getParent()));
            try (EngineSession session = database.openSession()) {
                for (String sql : statements) {
                    session.run(new BoundSql(sql, List.of()), CancellationSignal.none());
                }
            }
            Path file = directory.resolve(directory.getFileName() + StorageLayout.DATABASE_SUFFIX);
            database.snapshotTo(file);
            database.close();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one statement through a lease, as a service would. */
    void write(DatabaseDescriptor database, String sql) {
        try (Lease lease = lifecycle.acquire(database, CancellationSignal.none());
                EngineSession session = lease.openSession()) {
            session.run(new BoundSql(sql, List.of()), CancellationSignal.none());
        }
    }

    /** Runs one statement on a lease the caller holds. */
    static void write(Lease lease, String sql) {
        try (EngineSession session = lease.openSession()) {
            session.run(new BoundSql(sql, List.of()), CancellationSignal.none());
        }
    }

    /** The names of the tables in the database's object in storage; empty when there is no object. */
    Optional<List<String>> storedTables(String name) {
        String key = StorageLayout.databaseKey(DatabaseName.of(name));
        if (storage.stat(bucket(), key).isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(seeds);
            Path copy = Files.createTempDirectory(seeds, "read").resolve(key);
            storage.download(bucket(), key, copy);
            return Optional.of(tablesIn(copy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the tables in an engine file on disk. */
    List<String> tablesIn(Path file) {
        EngineDatabase database = reader.open(file, new EngineLimits(1, "", file.getParent()));
        try (EngineSession session = database.openSession()) {
            return session.catalog(CancellationSignal.none()).listTables(Optional.empty(), "").stream()
                    .map(TableDescription::name).toList();
        } finally {
            database.close();
        }
    }

    Path workingDirectory(String name) {
        return work.resolve(bucket()).resolve(name);
    }

    /** The engine databases opened on the working copy of {@code name}, oldest first. */
    List<InMemoryEngineDatabase> opensOf(String name) {
        Path file = workingDirectory(name).resolve(name + StorageLayout.DATABASE_SUFFIX).toAbsolutePath().normalize();
        return engine.databases().stream().filter(d -> d.file().equals(file)).toList();
    }
}
