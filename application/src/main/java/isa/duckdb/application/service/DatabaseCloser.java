package isa.duckdb.application.service;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Takes an open database out of service: waits for its calls, writes it back if asked, closes
 * the engine, removes the working copy and forgets it. If writing back fails, nothing of that
 * happens: the database stays open with its changes, and later calls may use it again.
 */
final class DatabaseCloser {
    private static final System.Logger LOG = System.getLogger(DatabaseCloser.class.getName());
    static final Duration DISCARD_WAIT = Duration.ofSeconds(30);

    private final OpenDatabases open;
    private final DatabaseSync sync;
    private final DatabaseOwners owners;

    DatabaseCloser(OpenDatabases open, DatabaseSync sync, DatabaseOwners owners) {
        this.open = open;
        this.sync = sync;
        this.owners = owners;
    }

    /**
     * @param waitForCalls how long to wait for running calls (new calls wait meanwhile)
     * @param syncFirst write changes back first; if that fails the database stays open. Once closed, the
     *     database's ownership lease is given up.
     * @return whether it was closed (false: calls still running, or the sync or close failed)
     */
    boolean close(OpenDatabase database, Duration waitForCalls, boolean syncFirst) {
        if (!database.gate.enterExclusive(waitForCalls, true)) {
            return false;
        }
        boolean closed = false;
        try {
            if (syncFirst && database.hasUnsyncedChanges()) {
                sync.upload(database);
            }
            database.engine.close();
            LocalFiles.deleteRecursively(database.directory);
            open.remove(database);
            closed = true;
            owners.giveUp(database.ownership);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not close {0}; it stays open with its changes: {1}", database.key, e.getMessage());
            return false;
        } finally {
            database.gate.exitExclusive(closed);
        }
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
