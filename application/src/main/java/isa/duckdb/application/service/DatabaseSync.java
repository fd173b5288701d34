package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes open databases back to storage: snapshot the committed state into the working folder,
 * upload it as the database's object, then remember the change marker that was uploaded. A
 * database whose upload failed keeps its old marker, so it stays dirty and is tried again. Every upload goes
 * through the {@link GenerationFence} with the database's ownership lease; one it refuses (another instance
 * owns the database now) is handed to the {@code superseded} handler, which stops serving the database.
 */
final class DatabaseSync {
    private static final System.Logger LOG = System.getLogger(DatabaseSync.class.getName());
    /**
     * How long a periodic sync waits for the calls running on a database, holding new ones back meanwhile, so that
     * its snapshot lands between calls even under a steady writer (issue 13: trying only when no call ran, syncs
     * every 5 s landed at 20 s and 30 s). A call arriving meanwhile waits at most this long.
     */
    static final Duration BETWEEN_CALLS_WAIT = Duration.ofSeconds(1);
    /** A call outlasting {@link #BETWEEN_CALLS_WAIT} skips the sync; after this many skips the next one waits longer. */
    static final int MISSES_BEFORE_BLOCKING_SYNC = 3;
    static final Duration BLOCKING_SYNC_WAIT = Duration.ofSeconds(10);

    private final ObjectStorage storage;
    private final DatabaseCatalog catalog;
    private final LifecycleCounters counters;
    private final GenerationFence fence;
    private final Consumer<OpenDatabase> superseded;
    private final WalSegments segments;

    /** What an upload stored: the change marker of the uploaded state, and its content id (commit durability). */
    record Uploaded(String marker, String base) {
    }

    /** @param superseded told (gate released) of a database whose upload the fence refused */
    DatabaseSync(ObjectStorage storage, DatabaseCatalog catalog, LifecycleCounters counters, GenerationFence fence,
            Consumer<OpenDatabase> superseded) {
        this(storage, catalog, counters, fence, superseded, null);
    }

    /**
     * @param segments the log segments of {@code --durability commit} (null: periodic); every base upload then
     *     records the base's content id and removes the segments it covers
     */
    DatabaseSync(ObjectStorage storage, DatabaseCatalog catalog, LifecycleCounters counters, GenerationFence fence,
            Consumer<OpenDatabase> superseded, WalSegments segments) {
        this.segments = segments;
        this.storage = storage;
        this.catalog = catalog;
        this.counters = counters;
        this.fence = fence;
        this.superseded = superseded;
    }

    /**
     * The periodic sync of one database: nothing when it is clean or closed; otherwise it waits up to
     * {@link #BETWEEN_CALLS_WAIT} for the running calls, holding new calls back, and takes the snapshot between
     * them. When a call outlasts that wait the sync is skipped (and the miss counted), unless it was skipped
     * {@link #MISSES_BEFORE_BLOCKING_SYNC} times already: then it waits up to {@link #BLOCKING_SYNC_WAIT}. A
     * failed upload is logged; the database stays dirty.
     */
    void syncIfChanged(OpenDatabase database) {
        if (database.gate.isClosed() || !database.hasUnsyncedChanges()) {
            return;
        }
        boolean block = database.missedSyncs >= MISSES_BEFORE_BLOCKING_SYNC;
        if (!database.gate.enterExclusive(block ? BLOCKING_SYNC_WAIT : BETWEEN_CALLS_WAIT, true)) {
            database.missedSyncs++;
            return;
        }
        boolean refused = false;
        try {
            database.missedSyncs = 0;
            upload(database);
        } catch (SupersededException e) {
            refused = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sync of {0} failed; it stays dirty and is retried: {1}", database.key, e.getMessage());
        } finally {
            database.gate.exitExclusive(false);
        }
        if (refused) {
            superseded.accept(database);
        }
    }

    /**
     * Writes the database back now if it changed, waiting up to {@code maxWait} for running
     * calls (new ones wait meanwhile). UNAVAILABLE when they did not finish in time; the
     * storage's error when the upload failed; FAILED_PRECONDITION when the fence refused it (the
     * database is then no longer served here).
     */
    void syncNow(OpenDatabase database, Duration maxWait) {
        if (!database.hasUnsyncedChanges()) {
            return;
        }
        if (!database.gate.enterExclusive(maxWait, true)) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "database '" + database.key.name()
                    + "' is busy; its latest changes could not be written to storage yet, retry shortly");
        }
        SupersededException refused = null;
        try {
            if (database.hasUnsyncedChanges()) {
                upload(database);
            }
        } catch (SupersededException e) {
            refused = e;
        } finally {
            database.gate.exitExclusive(false);
        }
        if (refused != null) {
            superseded.accept(database);
            throw refused;
        }
    }

    /**
     * Stores a database just created (and not shared yet), creating the bucket if needed and recording its
     * lease in the fence first.
     */
    void storeNew(OpenDatabase database) {
        storage.ensureBucket(database.key.bucket());
        fence.enter(database.key, database.ownership);
        upload(database);
    }

    /**
     * The caller holds the database exclusively. Uploads its snapshot, remembers the uploaded
     * marker, counts the sync and records the access time and table count in the catalog.
     * Rethrows a failure after counting it; {@link SupersededException} when the fence refused the upload
     * (logged here).
     */
    void upload(OpenDatabase database) {
        try {
            int tableCount = database.engine.tableCount();
            Uploaded uploaded = uploadSnapshot(database.key, database.directory, database.engine,
                    database.ownership);
            database.syncedMarker = uploaded.marker();
            if (database.shipper != null) {
                database.shipper.rebase(uploaded.base());
            }
            database.unsyncedSince = null;
            counters.synced(database.key);
            catalog.recordSync(database.descriptor, database.lastAccess, tableCount);
        } catch (RuntimeException e) {
            counters.syncFailed(database.key);
            throw e;
        }
    }

    /**
     * Snapshots the engine's database into {@code directory} and stores it as the database's
     * object through the fence, under {@code lease}. The caller holds the database exclusively.
     *
     * With commit durability the snapshot's content id is taken, and once it is stored the log segments of every
     * other base are removed (this base covers them).
     *
     * @return the change marker of the state that was uploaded (read after the snapshot, which
     *     may rewrite the file), and the content id of the base (null with periodic durability)
     * @throws SupersededException when the fence refused the upload (logged here)
     */
    Uploaded uploadSnapshot(DatabaseKey key, Path directory, EngineDatabase engine, OwnershipLease lease) {
        Objects.requireNonNull(lease, "lease");
        Path snapshot = WorkingCopies.snapshotFile(directory);
        try {
            engine.snapshotTo(snapshot);
            String marker = engine.changeMarker();
            String base = segments == null ? null : WalSegments.contentId(snapshot);
            fence.upload(key, lease, snapshot);
            if (segments != null) {
                segments.dropAllBut(key, base);
            }
            return new Uploaded(marker, base);
        } catch (SupersededException e) {
            LOG.log(Level.ERROR, "Upload of {0} refused, this instance no longer owns it: {1}", key, e.getMessage());
            throw e;
        } finally {
            LocalFiles.deleteQuietly(snapshot);
        }
    }
}
