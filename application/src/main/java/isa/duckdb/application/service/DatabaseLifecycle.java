package isa.duckdb.application.service;

import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Opens databases on demand (download to a working copy, open with the engine), keeps a bounded
 * set open, writes changed ones back to storage, and closes idle ones, syncing first. A database
 * whose changes could not be written back is never closed or dropped: it stays open and dirty.
 *
 * <p>The work is done by {@link OpenDatabases} (which are open, which to close),
 * {@link WorkingCopies} (local folders), {@link DatabaseOpener}, {@link DatabaseSync},
 * {@link DatabaseCloser}, {@link CrashRecovery} and {@link LifecycleCounters}; this class is
 * what the services call.
 *
 * <p>A database is opened only while this instance holds its ownership lease ({@link DatabaseOwners});
 * closing it (idle, eviction, deletion, shutdown) syncs first, then gives the lease up. A lease lost meanwhile
 * (the coordinator stopped hearing from this instance) closes the database at once, cancelling its calls and
 * without writing it back: another instance may serve it by now. Every upload carries the lease and passes the
 * {@link GenerationFence}, which refuses it once another lease took the database over (an instance that lost
 * its lease without being told yet); the database is then retired the same way.
 */
@Singleton
public final class DatabaseLifecycle {
    private static final System.Logger LOG = System.getLogger(DatabaseLifecycle.class.getName());
    private final LifecycleSettings settings;
    private final Clock clock;
    private final OpenDatabases open = new OpenDatabases();
    private final LifecycleCounters counters = new LifecycleCounters();
    private final WorkingCopies workingCopies;
    private final DatabaseOpener opener;
    private final DatabaseSync sync;
    private final DatabaseCloser closer;
    private final CrashRecovery recovery;
    private final FinalSync finalSync;
    private final DatabaseOwners owners;
    private final GenerationFence fence;

    /** One instance alone: it owns every database (no coordination). */
    public DatabaseLifecycle(ObjectStorage storage, QueryEngine engine, LifecycleSettings settings,
            DatabaseCatalog catalog, Clock clock) {
        this(storage, engine, settings, catalog, clock, StandaloneOwnership.INSTANCE);
    }

    /** @param clock the time of last access, for idle close and LRU order, and the shutdown's grace period */
    @Inject
    public DatabaseLifecycle(ObjectStorage storage, QueryEngine engine, LifecycleSettings settings,
            DatabaseCatalog catalog, Clock clock, DatabaseOwnership ownership) {
        this(storage, engine, settings, catalog, clock, d -> Thread.sleep(d.toMillis()), ownership);
    }

    /** @param pause how the final sync waits between storage probes (tests move their clock instead) */
    DatabaseLifecycle(ObjectStorage storage, QueryEngine engine, LifecycleSettings settings,
            DatabaseCatalog catalog, Clock clock, FinalSync.Pause pause, DatabaseOwnership ownership) {
        this.settings = settings;
        this.owners = new DatabaseOwners(ownership);
        this.clock = clock;
        this.workingCopies = new WorkingCopies(settings.workRoot());
        this.fence = new GenerationFence(storage);
        boolean shipping = settings.durability() == Durability.COMMIT;
        WalSegments segments = new WalSegments(storage, fence);
        this.opener = new DatabaseOpener(storage, engine, settings, workingCopies, clock, segments, shipping);
        this.sync = new DatabaseSync(storage, catalog, counters, fence, this::superseded, shipping ? segments : null);
        this.closer = new DatabaseCloser(open, sync, owners, workingCopies, clock);
        this.recovery = new CrashRecovery(storage, workingCopies, open, opener, sync, owners, fence, clock);
        this.finalSync = new FinalSync(closer, storage, counters, clock, pause);
        ownership.onLost(this::lost);
    }

    /**
     * Holds the database open for one call, opening it first if needed (which may close the least
     * recently used idle database). The lease must be closed. Throws the signal's error when the
     * call was cancelled, NOT_FOUND when the database file is not in storage.
     */
    public Lease acquire(DatabaseDescriptor descriptor, CancellationSignal signal) {
        DatabaseKey key = DatabaseKey.of(descriptor.tenant(), descriptor.name());
        while (true) {
            if (signal.isCancelled()) {
                throw signal.asException("the call");
            }
            OpenDatabase database = open.get(key);
            boolean opened = database == null;
            if (opened) {
                database = openLocked(key, descriptor);
            }
            if (database.gate.enterShared()) {
                DatabaseCounters perDatabase = counters.acquired(key, opened);
                database.lastAccess = clock.instant();
                if (opened) {
                    enforceOpenLimit();
                }
                return new Lease(database, signal, perDatabase.queries, clock);
            }
            open.remove(database);
        }
    }

    private OpenDatabase openLocked(DatabaseKey key, DatabaseDescriptor descriptor) {
        synchronized (open.lockFor(key)) {
            OpenDatabase existing = open.get(key);
            if (existing != null && !existing.gate.isClosed()) {
                return existing;
            }
            OwnershipLease lease = owners.take(key);
            OpenDatabase database;
            try {
                recovery.setAsideIfSuperseded(key, workingCopies.directory(key));
                fence.enter(key, lease);
                database = opener.openStored(key, descriptor, lease);
            } catch (RuntimeException e) {
                owners.giveUp(lease);
                throw e;
            }
            database.ownership = lease;
            database.onSuperseded = this::superseded;
            uploadBaseIfNeeded(database);
            open.put(database);
            return database;
        }
    }

    /**
     * With commit durability, a database opened from a replayed log or a leftover working copy has no base in
     * storage that matches its file: one is uploaded before its first call, so that its writes can be shipped.
     * When that fails it is still served (reads work; writes answer UNAVAILABLE until a sync uploads a base).
     */
    private void uploadBaseIfNeeded(OpenDatabase database) {
        if (database.shipper == null || !database.shipper.needsBase()) {
            return;
        }
        try {
            sync.upload(database);
        } catch (SupersededException e) {
            database.engine.close();
            owners.giveUp(database.ownership);
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store a base of {0} yet; its writes answer UNAVAILABLE until a sync "
                    + "stores one: {1}", database.key, e.getMessage());
        }
    }

    /**
     * Creates an empty database file and stores it; the database stays open for its first calls.
     * If storing fails, nothing is left behind locally and the storage's error is thrown.
     */
    public void createEmpty(DatabaseDescriptor descriptor) {
        DatabaseKey key = DatabaseKey.of(descriptor.tenant(), descriptor.name());
        synchronized (open.lockFor(key)) {
            OwnershipLease lease = owners.take(key);
            OpenDatabase database;
            try {
                database = opener.openNew(key, descriptor, lease);
            } catch (RuntimeException e) {
                owners.giveUp(lease);
                throw e;
            }
            database.ownership = lease;
            database.onSuperseded = this::superseded;
            try {
                sync.storeNew(database);
            } catch (RuntimeException e) {
                database.engine.close();
                workingCopies.remove(key);
                owners.giveUp(lease);
                throw e;
            }
            open.put(database);
        }
        enforceOpenLimit();
    }

    /** Writes every changed open database back to storage; skips those busy right now, a few times. */
    public void syncChanged() {
        open.all().forEach(sync::syncIfChanged);
    }

    /**
     * Makes storage hold the database's latest committed state now (for backups), waiting up to
     * {@code maxWait} for running calls. UNAVAILABLE when that cannot be done.
     */
    public void syncNow(DatabaseDescriptor descriptor, Duration maxWait) {
        OpenDatabase database = open.get(DatabaseKey.of(descriptor.tenant(), descriptor.name()));
        if (database != null) {
            sync.syncNow(database, maxWait);
        }
    }

    /** A fresh path for files that belong to no open database yet (uploads being received, restores). */
    public Path incomingFile(String prefix) {
        return workingCopies.incomingFile(prefix);
    }

    /** Closes databases unused for the idle timeout, syncing them first. */
    public void closeIdle() {
        Instant cutoff = clock.instant().minus(settings.idleTimeout());
        open.idleBefore(cutoff).forEach(d -> closer.close(d, Duration.ZERO, true));
    }

    private void enforceOpenLimit() {
        open.overLimit(settings.maxOpenDatabases()).forEach(d -> closer.close(d, Duration.ZERO, true));
    }

    /**
     * Closes the database (it is being deleted), writing it back only when {@code syncFirst}, and
     * forgets its counters. Running calls are cancelled when {@code cancelRunning}; otherwise
     * FAILED_PRECONDITION while calls run. UNAVAILABLE when it could not be closed.
     */
    public void discard(TenantId tenant, DatabaseName name, boolean cancelRunning, boolean syncFirst) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        counters.forget(key);
        OpenDatabase database = open.get(key);
        if (database == null) {
            workingCopies.remove(key);
            return;
        }
        closer.discard(database, cancelRunning, syncFirst);
    }

    /**
     * Syncs and closes everything at shutdown, waiting up to {@code grace} for running calls; a
     * database that could not be written back is retried (storage probed with a back-off, and
     * logged) until {@code grace} has passed, see {@link FinalSync}.
     *
     * @return the databases whose latest changes are still not in storage (empty when all were
     *     synced); they stay open and their working copies are kept for the next start
     */
    public List<DatabaseDescriptor> closeAll(Duration grace) {
        return finalSync.closeAll(open.all(), grace);
    }

    /**
     * The fence refused an upload of the database: another instance took it over while this one still served
     * it. It is retired like a lost lease.
     */
    private void superseded(OpenDatabase database) {
        LOG.log(Level.ERROR, "{0} was taken over by another instance while open here; it is no longer served here",
                database.key);
        closer.retire(database, DatabaseCloser.DISCARD_WAIT);
    }

    /**
     * The ownership of a database was lost: its calls are cancelled and it is closed without writing it back
     * (another instance may serve a newer state by now); changes since its last sync are set aside (see
     * {@link WorkingCopies#setAside}) and logged.
     */
    private void lost(OwnershipLease lease) {
        OpenDatabase database = open.get(new DatabaseKey(lease.bucket(), DatabaseName.of(lease.databaseName())));
        if (database == null || !lease.equals(database.ownership)) {
            return;
        }
        LOG.log(Level.WARNING, "Lost the ownership of {0}; closing it without writing it back", database.key);
        closer.retire(database, DatabaseCloser.DISCARD_WAIT);
    }

    /** At start-up: drops half-received uploads and syncs working copies a crash left behind. */
    public void recoverAtStart() {
        recovery.atStart();
    }

    /** Syncs working copies left by a run that did not close them (a crash), then removes them. */
    public void recoverLeftovers() {
        recovery.leftovers();
    }

    /** How many databases are open in this instance now. */
    public int openCount() {
        return open.size();
    }

    /** Whether the tenant's database is open in this instance now. */
    public boolean isOpen(TenantId tenant, DatabaseName name) {
        return open.contains(DatabaseKey.of(tenant, name));
    }

    /** When the database was last used, if it is open here. */
    public Optional<Instant> lastAccess(TenantId tenant, DatabaseName name) {
        return Optional.ofNullable(open.get(DatabaseKey.of(tenant, name))).map(d -> d.lastAccess);
    }

    /** One database's counters since this instance started, and its state here. */
    DatabaseActivity activity(TenantId tenant, DatabaseName name) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        return counters.activity(key, open.get(key));
    }

    /**
     * When the oldest change not yet in storage was first seen, over the open databases; empty when every
     * open database is synced. Seen at the end of the call that made it (or at a sync tick or this reading).
     */
    public Optional<Instant> oldestUnsyncedChange() {
        Instant now = clock.instant();
        Instant oldest = null;
        for (OpenDatabase database : open.all()) {
            database.noteChanges(now);
            Instant since = database.unsyncedSince;
            if (since != null && (oldest == null || since.isBefore(oldest))) {
                oldest = since;
            }
        }
        return Optional.ofNullable(oldest);
    }

    /**
     * Memory the engine holds for the open databases, summed, in bytes; a database that cannot tell (closing
     * under the reading) counts 0.
     */
    public long engineMemoryBytes() {
        long total = 0;
        for (OpenDatabase database : open.all()) {
            try {
                total += database.engine.memoryBytes();
            } catch (RuntimeException e) {
                // closed or closing while read: it holds nothing the sum should show
            }
        }
        return total;
    }

    /** Totals since this instance started, with how many databases are open and dirty now. */
    public LifecycleStats stats() {
        return counters.stats(open.size(), open.dirtyCount());
    }
}
