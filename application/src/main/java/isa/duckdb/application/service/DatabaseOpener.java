package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.ByteSize;
import isa.duckdb.domain.DatabaseSettings;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Turns a working copy into an open database: prepares its folder, fetches the file from storage
 * (or reuses a leftover working copy), and opens it with the engine under the limits of
 * {@link LifecycleSettings} and the database's own {@link DatabaseSettings}: threads are capped
 * at {@code threadsPerDatabase}; a memory limit of the database's own replaces the server's; the engine's
 * time zone is the database's own, else UTC.
 */
final class DatabaseOpener {
    private static final System.Logger LOG = System.getLogger(DatabaseOpener.class.getName());

    private final ObjectStorage storage;
    private final QueryEngine engine;
    private final LifecycleSettings settings;
    private final WorkingCopies workingCopies;
    private final Clock clock;

    DatabaseOpener(ObjectStorage storage, QueryEngine engine, LifecycleSettings settings, WorkingCopies workingCopies,
            Clock clock) {
        this.storage = storage;
        this.engine = engine;
        this.settings = settings;
        this.workingCopies = workingCopies;
        this.clock = clock;
    }

    /**
     * Opens the stored database. A working copy already on disk (left unsynced) is used instead
     * of the stored file and counts as changed, so that the next sync writes it back. The working copy is
     * recorded as written under {@code lease} ({@link WorkingCopies#recordLease}).
     */
    OpenDatabase openStored(DatabaseKey key, DatabaseDescriptor descriptor, OwnershipLease lease) {
        Path file = WorkingCopies.databaseFile(workingCopies.directory(key), key);
        boolean leftover = Files.exists(file);
        Path directory = workingCopies.prepare(key);
        workingCopies.recordLease(directory, lease);
        if (leftover) {
            LOG.log(Level.WARNING, "Found an unsynced working copy of {0}; using it and syncing it back", key);
        } else {
            storage.download(key.bucket(), key.objectKey(), file);
        }
        OpenDatabase database = open(key, directory, descriptor);
        database.syncedMarker = leftover ? null : database.engine.changeMarker();
        return database;
    }

    /**
     * Opens a new, empty database in a fresh folder (written under {@code lease}); it counts as changed until
     * first synced.
     */
    OpenDatabase openNew(DatabaseKey key, DatabaseDescriptor descriptor, OwnershipLease lease) {
        workingCopies.remove(key);
        Path directory = workingCopies.prepare(key);
        workingCopies.recordLease(directory, lease);
        return open(key, directory, descriptor);
    }

    /** Opens a leftover working copy with the server's default limits. */
    EngineDatabase openLeftover(WorkingCopies.Leftover leftover) {
        return engine.open(leftover.file(), limits(DatabaseSettings.DEFAULTS, leftover.directory()));
    }

    private OpenDatabase open(DatabaseKey key, Path directory, DatabaseDescriptor descriptor) {
        EngineDatabase opened = engine.open(WorkingCopies.databaseFile(directory, key),
                limits(descriptor.settings(), directory));
        return new OpenDatabase(key, directory, opened, descriptor, clock.instant());
    }

    private EngineLimits limits(DatabaseSettings own, Path directory) {
        int threads = own.threads()
                .map(t -> Math.min(t, settings.threadsPerDatabase()))
                .orElse(settings.threadsPerDatabase());
        String memory = own.memoryLimit().map(this::cappedMemory).orElse(settings.memoryLimit());
        return new EngineLimits(threads, memory, WorkingCopies.scratch(directory), own.effectiveTimeZone(),
                settings.maxTempDirectorySize());
    }

    /** A database's own {@code memory_limit}, no larger than the server's (which fits the process memory limit). */
    private String cappedMemory(String own) {
        String server = settings.memoryLimit();
        if (server == null || server.isBlank()) {
            return own;
        }
        return ByteSize.parse(own, "config memory_limit").compareTo(ByteSize.parse(server, "--memory-limit")) <= 0
                ? own : server;
    }
}
