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
import java.util.List;

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
    private final WalSegments segments;
    private final boolean shipping;

    /**
     * @param segments the stored log segments, replayed on open with either durability (an instance with
     *     {@code --durability commit} may have left them on the same storage)
     * @param shipping {@code --durability commit}: opened databases ship their log
     */
    DatabaseOpener(ObjectStorage storage, QueryEngine engine, LifecycleSettings settings, WorkingCopies workingCopies,
            Clock clock, WalSegments segments, boolean shipping) {
        this.segments = segments;
        this.shipping = shipping;
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
     *
     * <p>The log segments stored on top of the downloaded base ({@link WalSegments#chain}) are appended in order to
     * the engine's log file before opening, so the engine replays them, with either durability: a periodic
     * instance that opens a database a commit instance served must not drop its acknowledged writes (it then uploads
     * a new base at its next sync; the replayed segments are removed with the next commit instance's checkpoint or
     * with the database). With commit durability the database then
     * has no base in storage that matches its file (nor has a leftover), and its {@link OpenDatabase#shipper} ships
     * nothing until a sync uploaded one ({@link WalShipper#needsBase}).
     */
    OpenDatabase openStored(DatabaseKey key, DatabaseDescriptor descriptor, OwnershipLease lease) {
        Path file = WorkingCopies.databaseFile(workingCopies.directory(key), key);
        boolean leftover = Files.exists(file);
        Path directory = workingCopies.prepare(key);
        workingCopies.recordLease(directory, lease);
        String base = null;
        if (leftover) {
            LOG.log(Level.WARNING, "Found an unsynced working copy of {0}; using it and syncing it back", key);
        } else {
            storage.download(key.bucket(), key.objectKey(), file);
            base = shipping || segments.anyStored(key) ? replaySegments(key, file, directory) : "";
        }
        OpenDatabase database = open(key, directory, descriptor);
        database.syncedMarker = leftover || base == null ? null : database.engine.changeMarker();
        if (shipping) {
            database.shipper = shipper(database, lease, base);
        }
        return database;
    }

    /**
     * Places the stored segments of the downloaded base as the engine's log.
     *
     * @return the base's content id when no segment was found (the local file is the stored base), else null
     */
    private String replaySegments(DatabaseKey key, Path file, Path directory) {
        String base = WalSegments.contentId(file);
        List<WalSegments.Segment> chain = segments.chain(key, base);
        if (chain.isEmpty()) {
            return base;
        }
        segments.download(key, chain, engine.walFileOf(file), directory);
        LOG.log(Level.INFO, "Replaying {0} log segment(s) of {1} stored since its last base", chain.size(), key);
        return null;
    }

    private WalShipper shipper(OpenDatabase database, OwnershipLease lease, String base) {
        EngineDatabase opened = database.engine;
        WalShipper.Log log = new WalShipper.Log() {
            @Override
            public long length() {
                return opened.walLength();
            }

            @Override
            public String fileMarker() {
                return opened.fileMarker();
            }
        };
        return new WalShipper(database.key.name().value(), log, (b, seq, from, to) -> segments.store(database.key,
                lease, opened, database.directory, b, seq, from, to), base);
    }

    /**
     * Opens a new, empty database in a fresh folder (written under {@code lease}); it counts as changed until
     * first synced (with commit durability it ships nothing before that first upload).
     */
    OpenDatabase openNew(DatabaseKey key, DatabaseDescriptor descriptor, OwnershipLease lease) {
        workingCopies.remove(key);
        Path directory = workingCopies.prepare(key);
        workingCopies.recordLease(directory, lease);
        OpenDatabase database = open(key, directory, descriptor);
        if (shipping) {
            database.shipper = shipper(database, lease, null);
        }
        return database;
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
                settings.maxTempDirectorySize(), settings.durability() == Durability.COMMIT);
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
