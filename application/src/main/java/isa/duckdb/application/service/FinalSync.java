package isa.duckdb.application.service;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.ServiceException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last sync and close of every open database when the service stops. Writes that were
 * acknowledged exist only in the working copies, and a rescheduled instance may start on an
 * empty disk, so a database that could not be written back is not given up at once: until the
 * grace period ends, storage is probed with a growing pause ({@link #FIRST_PAUSE} doubling up to
 * {@link #MAX_PAUSE}) and the databases still unsynced are tried again whenever it answers.
 */
final class FinalSync {
    private static final System.Logger LOG = System.getLogger(FinalSync.class.getName());
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    /** Waits between probes; {@code Thread.sleep} in the service, a clock the test moves in tests. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final DatabaseCloser closer;
    private final ObjectStorage storage;
    private final LifecycleCounters counters;
    private final Clock clock;
    private final Pause pause;

    FinalSync(DatabaseCloser closer, ObjectStorage storage, LifecycleCounters counters, Clock clock, Pause pause) {
        this.closer = closer;
        this.storage = storage;
        this.counters = counters;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Syncs and closes the databases, waiting up to {@code grace} for running calls, then retries
     * the ones left until {@code grace} (counted from this call) has passed. Each round in which a
     * database could not be written back counts as a sync failure, also when storage did not
     * answer the probe and no upload was tried.
     *
     * @return the databases still not written back; they stay open and their working copies are
     *     kept (uploaded by the crash recovery of the next start on the same data directory)
     */
    List<DatabaseDescriptor> closeAll(List<OpenDatabase> databases, Duration grace) {
        Instant deadline = clock.instant().plus(grace);
        List<OpenDatabase> pending = closeEach(databases, grace);
        if (!pending.isEmpty() && clock.instant().isBefore(deadline)) {
            LOG.log(Level.WARNING, "{0} database(s) could not be written to storage yet ({1}); probing storage "
                    + "and retrying until the shutdown grace period ends", pending.size(), keys(pending));
        }
        Duration wait = FIRST_PAUSE;
        while (!pending.isEmpty()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero() || !pauseFor(wait.compareTo(left) < 0 ? wait : left)) {
                break;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_PAUSE) < 0 ? wait.multipliedBy(2) : MAX_PAUSE;
            if (storageAnswers()) {
                LOG.log(Level.INFO, "Storage answers; retrying the final sync of {0}", keys(pending));
                pending = closeEach(pending, Duration.ZERO);
            } else {
                pending.forEach(d -> counters.syncFailed(d.key));
            }
        }
        pending.forEach(d -> LOG.log(Level.ERROR, "{0} could not be written to storage before the grace period "
                + "ended; its working copy is kept and uploaded at the next start on this data directory", d.key));
        return pending.stream().map(d -> d.descriptor).toList();
    }

    private List<OpenDatabase> closeEach(List<OpenDatabase> databases, Duration waitForCalls) {
        List<OpenDatabase> left = new ArrayList<>();
        for (OpenDatabase database : databases) {
            if (!closer.close(database, waitForCalls, true)) {
                left.add(database);
            }
        }
        return left;
    }

    private boolean storageAnswers() {
        try {
            storage.checkReachable();
            return true;
        } catch (ServiceException e) {
            LOG.log(Level.DEBUG, "Storage probe failed: {0}", e.getMessage());
            return false;
        }
    }

    private boolean pauseFor(Duration duration) {
        try {
            pause.pause(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<DatabaseKey> keys(List<OpenDatabase> databases) {
        return databases.stream().map(d -> d.key).toList();
    }
}
