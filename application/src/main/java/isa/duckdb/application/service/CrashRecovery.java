package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.ServiceException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Writes back working copies that a previous run left unsynced (it crashed or could not reach
 * storage when it stopped), then removes them. One that cannot be written back yet is kept and
 * tried again at the next round; a database open in this instance is never touched, and one whose ownership
 * lease this instance cannot take (another instance serves it) is kept and not uploaded. The upload passes the
 * {@link GenerationFence} under the lease taken; one it refuses (another instance took the database over
 * meanwhile) sets the working copy aside instead ({@link WorkingCopies#setAside}).
 */
final class CrashRecovery {
    private static final System.Logger LOG = System.getLogger(CrashRecovery.class.getName());

    private final ObjectStorage storage;
    private final WorkingCopies workingCopies;
    private final OpenDatabases open;
    private final DatabaseOpener opener;
    private final DatabaseSync sync;
    private final DatabaseOwners owners;
    private final GenerationFence fence;
    private final Clock clock;

    CrashRecovery(ObjectStorage storage, WorkingCopies workingCopies, OpenDatabases open, DatabaseOpener opener,
            DatabaseSync sync, DatabaseOwners owners, GenerationFence fence, Clock clock) {
        this.clock = clock;
        this.owners = owners;
        this.fence = fence;
        this.storage = storage;
        this.workingCopies = workingCopies;
        this.open = open;
        this.opener = opener;
        this.sync = sync;
    }

    /** At start-up: drops half-received uploads, then recovers leftovers. */
    void atStart() {
        workingCopies.dropIncoming();
        leftovers();
    }

    /** Uploads and removes every working copy whose database is not open here. */
    void leftovers() {
        for (WorkingCopies.Leftover leftover : workingCopies.workingCopiesOnDisk()) {
            synchronized (open.lockFor(leftover.key())) {
                if (!open.contains(leftover.key()) && Files.exists(leftover.file())) {
                    recover(leftover);
                }
            }
        }
    }

    private void recover(WorkingCopies.Leftover leftover) {
        OwnershipLease lease;
        try {
            lease = owners.take(leftover.key());
        } catch (ServiceException e) {
            LOG.log(Level.WARNING, "Unsynced working copy of {0} is kept, not uploaded: {1}", leftover.key(),
                    e.getMessage());
            return;
        }
        LOG.log(Level.WARNING, "Recovering unsynced working copy of {0}", leftover.key());
        try {
            if (!setAsideIfSuperseded(leftover.key(), leftover.directory())) {
                upload(leftover, lease);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not recover {0} yet; the working copy is kept: {1}", leftover.key(),
                    e.getMessage());
        } finally {
            owners.giveUp(lease);
        }
    }

    /**
     * Sets the working copy in {@code directory} aside (and removes the folder) when it was written under a lease
     * that is no longer the database's recorded one: another instance served the database after the run that
     * left it, so uploading or reopening it would replace that instance's newer state. The caller holds the
     * database's lease and the database is not open here.
     *
     * @return whether it was set aside; false also when there is no working copy
     * @throws isa.duckdb.domain.ServiceException UNAVAILABLE when storage cannot be reached
     */
    boolean setAsideIfSuperseded(DatabaseKey key, Path directory) {
        if (!Files.exists(WorkingCopies.databaseFile(directory, key))) {
            return false;
        }
        Optional<GenerationFence.Holder> recorded = workingCopies.recordedLease(directory);
        if (recorded.isEmpty() || !fence.supersedes(key, recorded.get())) {
            return false;
        }
        Path kept = workingCopies.setAside(key, directory, recorded.get().generation(), clock.millis());
        LocalFiles.deleteRecursively(directory);
        LOG.log(Level.ERROR, "The working copy of {0} left by an earlier run (generation {1}) is outdated: another "
                + "instance served the database since. It is not used or uploaded; it is kept as {2} under the work "
                + "folder, for an operator", key, recorded.get().generation(), kept);
        return true;
    }

    private void upload(WorkingCopies.Leftover leftover, OwnershipLease lease) {
        EngineDatabase engine = opener.openLeftover(leftover);
        try {
            storage.ensureBucket(leftover.key().bucket());
            fence.enter(leftover.key(), lease);
            sync.uploadSnapshot(leftover.key(), leftover.directory(), engine, lease);
            engine.close();
            LocalFiles.deleteRecursively(leftover.directory());
        } catch (SupersededException e) {
            engine.close();
            Path kept = workingCopies.setAside(leftover.key(), leftover.directory(), lease.generation(),
                    clock.millis());
            LocalFiles.deleteRecursively(leftover.directory());
            LOG.log(Level.ERROR, "The unsynced working copy of {0} was not uploaded (another instance took the "
                    + "database over); it is kept as {1} under the work folder, for an operator", leftover.key(), kept);
        } catch (RuntimeException e) {
            engine.close();
            LOG.log(Level.ERROR, "Could not recover {0} yet; the working copy is kept: {1}", leftover.key(),
                    e.getMessage());
        }
    }
}
