package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Opens databases on demand (download to a working copy, open with the engine), keeps a bounded
 * set open, writes changed ones back to storage, and closes idle ones, syncing first. A database
 * whose changes could not be written back is never closed or dropped: it stays open and dirty.
 */
public final class DatabaseLifecycle {
    private static final System.Logger LOG = System.getLogger(DatabaseLifecycle.class.getName());
    private static final String SNAPSHOT_FILE = "snapshot.upload";
    static final String SCRATCH_DIR = "scratch";
    static final String INCOMING_DIR = ".incoming";
    private static final int MISSES_BEFORE_BLOCKING_SYNC = 3;
    private static final Duration BLOCKING_SYNC_WAIT = Duration.ofSeconds(10);

    private final ObjectStorage storage;
    private final QueryEngine engine;
    private final LifecycleSettings settings;
    private final DatabaseCatalog catalog;
    private final Clock clock;
    private final Map<DatabaseKey, OpenDatabase> open = new ConcurrentHashMap<>();
    private final Map<DatabaseKey, Object> openLocks = new ConcurrentHashMap<>();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong cacheMisses = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong syncFailures = new AtomicLong();
    private final Map<DatabaseKey, DatabaseCounters> counters = new ConcurrentHashMap<>();

    public DatabaseLifecycle(ObjectStorage storage, QueryEngine engine, LifecycleSettings settings,
            DatabaseCatalog catalog, Clock clock) {
        this.storage = storage;
        this.engine = engine;
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Holds the database open for one call. The lease must be closed. */
    public Lease acquire(DatabaseDescriptor descriptor, CancellationSignal signal) {
        DatabaseKey key = DatabaseKey.of(descriptor.tenant(), descriptor.name());
        while (true) {
            if (signal.isCancelled()) {
                throw signal.asException("the call");
            }
            OpenDatabase database = open.get(key);
            boolean opened = false;
            if (database == null) {
                database = openLocked(key, descriptor);
                opened = true;
            }
            if (database.gate.enterShared()) {
                (opened ? cacheMisses : cacheHits).incrementAndGet();
                DatabaseCounters perDatabase = countersOf(key);
                (opened ? perDatabase.cacheMisses : perDatabase.cacheHits).increment();
                database.lastAccess = clock.instant();
                if (opened) {
                    enforceOpenLimit();
                }
                return new Lease(database, signal, perDatabase.queries);
            }
            open.remove(key, database);
        }
    }

    private OpenDatabase openLocked(DatabaseKey key, DatabaseDescriptor descriptor) {
        synchronized (openLocks.computeIfAbsent(key, k -> new Object())) {
            OpenDatabase existing = open.get(key);
            if (existing != null && !existing.gate.isClosed()) {
                return existing;
            }
            OpenDatabase database = openFromStorage(key, descriptor);
            open.put(key, database);
            return database;
        }
    }

    private OpenDatabase openFromStorage(DatabaseKey key, DatabaseDescriptor descriptor) {
        Path directory = workingDirectory(key);
        Path file = directory.resolve(key.objectKey());
        boolean leftover = Files.exists(file);
        try {
            Files.createDirectories(directory.resolve(SCRATCH_DIR));
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "cannot prepare the working copy of " + key.name(), e);
        }
        if (leftover) {
            LOG.log(Level.WARNING, "Found an unsynced working copy of {0}; using it and syncing it back", key);
        } else {
            storage.download(key.bucket(), key.objectKey(), file);
        }
        var engineDatabase = engine.open(file, limitsFor(descriptor, directory));
        OpenDatabase database = new OpenDatabase(key, directory, engineDatabase, descriptor, clock.instant());
        database.syncedMarker = leftover ? null : engineDatabase.changeMarker();
        return database;
    }

    private EngineLimits limitsFor(DatabaseDescriptor descriptor, Path directory) {
        int threads = descriptor.settings().threads()
                .map(t -> Math.min(t, settings.threadsPerDatabase()))
                .orElse(settings.threadsPerDatabase());
        String memory = descriptor.settings().memoryLimit().orElse(settings.memoryLimit());
        return new EngineLimits(threads, memory, directory.resolve(SCRATCH_DIR));
    }

    private Path workingDirectory(DatabaseKey key) {
        return settings.workRoot().resolve(key.bucket()).resolve(key.name().value());
    }

    /** Creates an empty database file and stores it; the database stays open for its first calls. */
    public void createEmpty(DatabaseDescriptor descriptor) {
        DatabaseKey key = DatabaseKey.of(descriptor.tenant(), descriptor.name());
        synchronized (openLocks.computeIfAbsent(key, k -> new Object())) {
            Path directory = workingDirectory(key);
            LocalFiles.deleteRecursively(directory);
            try {
                Files.createDirectories(directory.resolve(SCRATCH_DIR));
            } catch (IOException e) {
                throw new ServiceException(ErrorKind.INTERNAL, "cannot prepare the working copy of " + key.name(), e);
            }
            var engineDatabase = engine.open(directory.resolve(key.objectKey()), limitsFor(descriptor, directory));
            OpenDatabase database = new OpenDatabase(key, directory, engineDatabase, descriptor, clock.instant());
            try {
                storage.ensureBucket(key.bucket());
                upload(database);
            } catch (RuntimeException e) {
                engineDatabase.close();
                LocalFiles.deleteRecursively(directory);
                throw e;
            }
            open.put(key, database);
        }
        enforceOpenLimit();
    }

    /** Writes every changed open database back to storage; skips those busy right now, a few times. */
    public void syncChanged() {
        for (OpenDatabase database : List.copyOf(open.values())) {
            syncIfChanged(database);
        }
    }

    private void syncIfChanged(OpenDatabase database) {
        if (database.gate.isClosed() || !database.hasUnsyncedChanges()) {
            return;
        }
        boolean block = database.missedSyncs >= MISSES_BEFORE_BLOCKING_SYNC;
        if (!database.gate.enterExclusive(block ? BLOCKING_SYNC_WAIT : Duration.ZERO, block)) {
            database.missedSyncs++;
            return;
        }
        try {
            database.missedSyncs = 0;
            upload(database);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sync of {0} failed; it stays dirty and is retried: {1}", database.key, e.getMessage());
        } finally {
            database.gate.exitExclusive(false);
        }
    }

    /** Caller holds the database exclusively. Snapshot, upload, then remember what was uploaded. */
    private void upload(OpenDatabase database) {
        Path snapshot = database.directory.resolve(SNAPSHOT_FILE);
        try {
            database.engine.snapshotTo(snapshot);
            String marker = database.engine.changeMarker();
            int tableCount = database.engine.tableCount();
            storage.upload(database.key.bucket(), database.key.objectKey(), snapshot);
            database.syncedMarker = marker;
            syncs.incrementAndGet();
            countersOf(database.key).syncs.increment();
            if (database.descriptor != null) {
                catalog.recordSync(database.descriptor, database.lastAccess, tableCount);
            }
        } catch (RuntimeException e) {
            syncFailures.incrementAndGet();
            countersOf(database.key).syncFailures.increment();
            throw e;
        } finally {
            LocalFiles.deleteQuietly(snapshot);
        }
    }

    /**
     * Makes storage hold the database's latest committed state now (for backups), waiting up to
     * {@code maxWait} for running calls. UNAVAILABLE when that cannot be done.
     */
    public void syncNow(DatabaseDescriptor descriptor, Duration maxWait) {
        OpenDatabase database = open.get(DatabaseKey.of(descriptor.tenant(), descriptor.name()));
        if (database == null || !database.hasUnsyncedChanges()) {
            return;
        }
        if (!database.gate.enterExclusive(maxWait, true)) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "database '" + descriptor.name()
                    + "' is busy; its latest changes could not be written to storage yet, retry shortly");
        }
        try {
            if (database.hasUnsyncedChanges()) {
                upload(database);
            }
        } finally {
            database.gate.exitExclusive(false);
        }
    }

    /** A fresh folder for files that belong to no open database yet (uploads being received, restores). */
    public Path incomingFile(String prefix) {
        Path incoming = settings.workRoot().resolve(INCOMING_DIR);
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "cannot prepare a spool folder", e);
        }
        return incoming.resolve(prefix + "-" + java.util.UUID.randomUUID());
    }

    /** Closes databases unused for the idle timeout, syncing them first. */
    public void closeIdle() {
        Instant cutoff = clock.instant().minus(settings.idleTimeout());
        for (OpenDatabase database : List.copyOf(open.values())) {
            if (database.gate.sharedCount() == 0 && database.lastAccess.isBefore(cutoff)) {
                close(database, Duration.ZERO, true);
            }
        }
    }

    private void enforceOpenLimit() {
        int excess = open.size() - settings.maxOpenDatabases();
        if (excess <= 0) {
            return;
        }
        List<OpenDatabase> idleOldestFirst = open.values().stream()
                .filter(d -> d.gate.sharedCount() == 0)
                .sorted(Comparator.comparing(d -> d.lastAccess))
                .limit(excess)
                .toList();
        idleOldestFirst.forEach(d -> close(d, Duration.ZERO, true));
    }

    /**
     * @param sync write changes back first; if that fails the database stays open
     * @return whether it was closed
     */
    private boolean close(OpenDatabase database, Duration waitForCalls, boolean sync) {
        if (!database.gate.enterExclusive(waitForCalls, true)) {
            return false;
        }
        boolean closed = false;
        try {
            if (sync && database.hasUnsyncedChanges()) {
                upload(database);
            }
            database.engine.close();
            LocalFiles.deleteRecursively(database.directory);
            open.remove(database.key, database);
            closed = true;
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not close {0}; it stays open with its changes: {1}", database.key, e.getMessage());
            return false;
        } finally {
            database.gate.exitExclusive(closed);
        }
    }

    /**
     * Closes the database without writing it back (it is being deleted). Running calls are
     * cancelled when {@code cancelRunning}, else the database must be idle.
     */
    public void discard(TenantId tenant, DatabaseName name, boolean cancelRunning, boolean syncFirst) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        counters.remove(key);
        OpenDatabase database = open.get(key);
        if (database == null) {
            LocalFiles.deleteRecursively(workingDirectory(key));
            return;
        }
        if (cancelRunning) {
            database.inFlight.forEach(s -> s.cancel(ErrorKind.CANCELLED));
        } else if (database.gate.sharedCount() > 0) {
            throw ServiceException.failedPrecondition("database '" + name + "' has calls running; retry later or use force");
        }
        if (!close(database, Duration.ofSeconds(30), syncFirst)) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "database '" + name + "' could not be closed; retry later");
        }
    }

    /** Syncs and closes everything, waiting up to {@code grace} for running calls. */
    public void closeAll(Duration grace) {
        for (OpenDatabase database : List.copyOf(open.values())) {
            if (!close(database, grace, true)) {
                LOG.log(Level.ERROR, "{0} was not closed cleanly; its working copy is kept and synced at next start",
                        database.key);
            }
        }
    }

    /** At start-up: drops half-received uploads and syncs working copies a crash left behind. */
    public void recoverAtStart() {
        LocalFiles.deleteRecursively(settings.workRoot().resolve(INCOMING_DIR));
        recoverLeftovers();
    }

    /** Syncs working copies left by a run that did not close them (a crash), then removes them. */
    public void recoverLeftovers() {
        if (!Files.isDirectory(settings.workRoot())) {
            return;
        }
        try (Stream<Path> buckets = Files.list(settings.workRoot())) {
            for (Path bucket : buckets.filter(Files::isDirectory)
                    .filter(b -> !b.getFileName().toString().startsWith(".")).toList()) {
                recoverBucket(bucket);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void recoverBucket(Path bucketDirectory) throws IOException {
        try (Stream<Path> names = Files.list(bucketDirectory)) {
            for (Path directory : names.filter(Files::isDirectory).toList()) {
                String name = directory.getFileName().toString();
                if (!DatabaseName.isValid(name)) {
                    continue;
                }
                DatabaseKey key = new DatabaseKey(bucketDirectory.getFileName().toString(), DatabaseName.of(name));
                Path file = directory.resolve(key.objectKey());
                if (!Files.exists(file)) {
                    continue;
                }
                synchronized (openLocks.computeIfAbsent(key, k -> new Object())) {
                    if (!open.containsKey(key) && Files.exists(file)) {
                        recoverOne(key, directory, file);
                    }
                }
            }
        }
    }

    private void recoverOne(DatabaseKey key, Path directory, Path file) {
        LOG.log(Level.WARNING, "Recovering unsynced working copy of {0}", key);
        var engineDatabase = engine.open(file, new EngineLimits(settings.threadsPerDatabase(), settings.memoryLimit(),
                directory.resolve(SCRATCH_DIR)));
        try {
            storage.ensureBucket(key.bucket());
            Path snapshot = directory.resolve(SNAPSHOT_FILE);
            engineDatabase.snapshotTo(snapshot);
            storage.upload(key.bucket(), key.objectKey(), snapshot);
            engineDatabase.close();
            LocalFiles.deleteRecursively(directory);
        } catch (RuntimeException e) {
            engineDatabase.close();
            LOG.log(Level.ERROR, "Could not recover {0} yet; the working copy is kept: {1}", key, e.getMessage());
        }
    }

    public int openCount() {
        return open.size();
    }

    public boolean isOpen(TenantId tenant, DatabaseName name) {
        return open.containsKey(DatabaseKey.of(tenant, name));
    }

    /** When the database was last used, if it is open here. */
    public Optional<Instant> lastAccess(TenantId tenant, DatabaseName name) {
        return Optional.ofNullable(open.get(DatabaseKey.of(tenant, name))).map(d -> d.lastAccess);
    }

    private DatabaseCounters countersOf(DatabaseKey key) {
        DatabaseCounters existing = counters.get(key);
        return existing != null ? existing : counters.computeIfAbsent(key, k -> new DatabaseCounters());
    }

    /** One database's counters since this instance started, and its state here. */
    DatabaseActivity activity(TenantId tenant, DatabaseName name) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        DatabaseCounters counted = counters.getOrDefault(key, new DatabaseCounters());
        OpenDatabase database = open.get(key);
        boolean isOpen = database != null && !database.gate.isClosed();
        return new DatabaseActivity(isOpen, isOpen ? database.gate.sharedCount() : 0,
                isOpen && database.hasUnsyncedChanges(), counted.cacheHits.sum(), counted.cacheMisses.sum(),
                counted.syncs.sum(), counted.syncFailures.sum(), counted.queries.summary(), counted.queries.failures(),
                isOpen ? Optional.of(database.lastAccess) : Optional.empty());
    }

    public LifecycleStats stats() {
        return new LifecycleStats(open.size(), cacheHits.get(), cacheMisses.get(), syncs.get(), syncFailures.get(),
                open.values().stream().filter(OpenDatabase::hasUnsyncedChanges).count());
    }
}
