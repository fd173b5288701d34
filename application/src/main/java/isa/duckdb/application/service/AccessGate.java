package isa.duckdb.application.service;

import java.time.Duration;

/**
 * Many calls share an open database; syncing and closing need it to themselves. Unlike a
 * read-write lock, a share may be released by another thread than the one that took it (a
 * streamed result is read on whichever thread gRPC calls back on).
 */
final class AccessGate {
    private int shared;
    private boolean exclusive;
    private int priorityWaiters;
    private boolean closed;

    /** Waits while the database is held exclusively. @return false once it is closed for good */
    synchronized boolean enterShared() {
        boolean interrupted = false;
        while ((exclusive || priorityWaiters > 0) && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (closed) {
            return false;
        }
        shared++;
        return true;
    }

    synchronized void exitShared() {
        shared--;
        if (shared == 0) {
            notifyAll();
        }
    }

    /**
     * Waits up to {@code maxWait} for every share to be released.
     * @param blockNewcomers make calls arriving meanwhile wait too, so that the wait can end
     */
    synchronized boolean enterExclusive(Duration maxWait, boolean blockNewcomers) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        if (blockNewcomers) {
            priorityWaiters++;
        }
        try {
            while (shared > 0 || exclusive) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    return false;
                }
                wait(remainingMillis);
            }
            exclusive = true;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (blockNewcomers) {
                priorityWaiters--;
            }
            notifyAll();
        }
    }

    /** @param closeForGood whether later {@link #enterShared()} calls fail */
    synchronized void exitExclusive(boolean closeForGood) {
        exclusive = false;
        closed = closeForGood;
        notifyAll();
    }

    synchronized int sharedCount() {
        return shared;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
