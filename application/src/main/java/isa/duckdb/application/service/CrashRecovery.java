package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.ServiceException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;

/**
 * Writes back working copies that a previous run left unsynced (it crashed or could not reach
 * storage when it stopped), then removes them. One that cannot be written back yet is kept and
 * tried again at the next round; a database open in this instance is never touched, and one whose ownership
 * lease this instance cannot take (another instance serves it) is kept and not uploaded.
 */
final class CrashRecovery {
    private static final System.Logger LOG = System.getLogger(CrashRecovery.class.getName());

    private final ObjectStorage storage;
    private final WorkingCopies workingCopies;
    private final OpenDatabases open;
    private final DatabaseOpener opener;
    private final DatabaseSync sync;
    private final DatabaseOwners owners;

    CrashRecovery(ObjectStorage storage, WorkingCopies workingCopies, OpenDatabases open, DatabaseOpener opener,
            DatabaseSync sync, DatabaseOwners owners) {
        this.owners = owners;
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
            upload(leftover);
        } finally {
            owners.giveUp(lease);
        }
    }

    private void upload(WorkingCopies.Leftover leftover) {
        EngineDatabase engine = opener.openLeftover(leftover);
        try {
            storage.ensureBucket(leftover.key().bucket());
            sync.uploadSnapshot(leftover.key(), leftover.directory(), engine);
            engine.close();
            LocalFiles.deleteRecursively(leftover.directory());
        } catch (RuntimeException e) {
            engine.close();
            LOG.log(Level.ERROR, "Could not recover {0} yet; the working copy is kept: {1}", leftover.key(),
                    e.getMessage());
        }
    }
}
