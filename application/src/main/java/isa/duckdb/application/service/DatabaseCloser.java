package isa.duckdb.application.service;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Takes an open database out of service: waits for its calls, writes it back if asked, closes
 * the engine, removes the working copy and forgets it. If writing back fails, nothing of that
 * happens: the database stays open with its changes, and later calls may use it again. A database whose upload
 * the {@link GenerationFence} refused, or whose lease was lost, is retired instead: closed without writing it
 * back, its unsynced working copy set aside ({@link WorkingCopies#setAside}), never uploaded.
 */
final class DatabaseCloser {
    private static final System.Logger LOG = System.getLogger(DatabaseCloser.class.getName());
    static final Duration DISCARD_WAIT = Duration.ofSeconds(30);

    private final OpenDatabases open;
    private final DatabaseSync sync;
    private final DatabaseOwners owners;
    private final WorkingCopies workingCopies;
    private final Clock clock;

    DatabaseCloser(OpenDatabases open, DatabaseSync sync, DatabaseOwners owners, WorkingCopies workingCopies,
            Clock clock) {
        this.open = open;
        this.sync = sync;
        this.owners = owners;
        this.workingCopies = workingCopies;
        this.clock = clock;
    }

    /**
     * @param waitForCalls how long to wait for running calls (new calls wait meanwhile)
     * @param syncFirst write changes back first; if that fails the database stays open. Once closed, the
     *     database's ownership lease is given up.
     *     A sync the fence refused retires the database instead (see {@link #retire}).
     * @return whether it was closed (false: calls still running, or the sync or close failed)
     */
    boolean close(OpenDatabase database, Duration waitForCalls, boolean syncFirst) {
        if (!database.gate.enterExclusive(waitForCalls, true)) {
            return false;
        }
        boolean closed = false;
        try {
            if (syncFirst && database.hasUnsyncedChanges()) {
                try {
                    sync.upload(database);
                } catch (SupersededException e) {
                    shut(database, true);
                    closed = true;
                    return true;
                }
            }
            shut(database, false);
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
     * Takes a database out of service that this instance may no longer upload (its lease was lost, or the fence
     * refused its upload): cancels its calls, waits up to {@code waitForCalls} for them, closes it without
     * writing it back and sets its working copy aside when it holds changes storage does not have.
     *
     * @return whether it was closed (false: its calls did not end in time, or the disk refused)
     */
    boolean retire(OpenDatabase database, Duration waitForCalls) {
        database.inFlight.forEach(s -> s.cancel(ErrorKind.UNAVAILABLE));
        if (!database.gate.enterExclusive(waitForCalls, true)) {
            LOG.log(Level.ERROR, "Could not retire {0}: its calls did not end within {1}s", database.key,
                    waitForCalls.toSeconds());
            return false;
        }
        boolean closed = false;
        try {
            shut(database, database.hasUnsyncedChanges());
            closed = true;
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not retire {0}: {1}", database.key, e.getMessage());
            return false;
        } finally {
            database.gate.exitExclusive(closed);
        }
    }

    /** The caller holds the gate exclusively: closes the engine, keeps the copy if asked, forgets the database. */
    private void shut(OpenDatabase database, boolean setAside) {
        database.engine.close();
        if (setAside) {
            long generation = database.ownership == null ? 0 : database.ownership.generation();
            Path kept = workingCopies.setAside(database.key, database.directory, generation, clock.millis());
            LOG.log(Level.ERROR, "{0} is no longer served by this instance and was not written back; its changes "
                    + "since the last sync (first seen {1}) are kept as {2} under the work folder, for an operator",
                    database.key, database.unsyncedSince, kept);
        }
        LocalFiles.deleteRecursively(database.directory);
        open.remove(database);
        owners.giveUp(database.ownership);
    }

    /**
     * Closes a database that is being deleted, writing it back only when {@code syncFirst}.
     * Running calls are cancelled when {@code cancelRunning}; otherwise FAILED_PRECONDITION
     * while calls run. UNAVAILABLE when it could not be closed within {@link #DISCARD_WAIT}.
     */
    void discard(OpenDatabase database, boolean cancelRunning, boolean syncFirst) {
        if (cancelRunning) {
            database.inFlight.forEach(s -> s.cancel(ErrorKind.CANCELLED));
        } else if (database.gate.sharedCount() > 0) {
            throw ServiceException.failedPrecondition("database '" + database.key.name()
                    + "' has calls running; retry later or use force");
        }
        if (!close(database, DISCARD_WAIT, syncFirst)) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "database '" + database.key.name()
                    + "' could not be closed; retry later");
        }
    }
}
