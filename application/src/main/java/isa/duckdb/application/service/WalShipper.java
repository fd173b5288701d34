package isa.duckdb.application.service;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;

/**
 * Ships one open database's write-ahead log to storage ({@code --durability commit}), so that a write is answered
 * only once the log bytes of its commit are stored. Concurrent writers share one shipment: the first caller behind
 * leads, reads the log's length and stores {@code [shipped, length)} as the next segment for every commit that
 * completed before that reading; the others wait for a shipment that covers their own commit (or lead the next one
 * when the leader's failed, each trying once).
 *
 * <p>Segments apply on top of a base: the database object in storage with content id {@code base}. After every
 * upload of a new base the shipper is {@link #rebase rebased} (offset and sequence restart). Without a base that
 * matches the local file ({@code base == null}: a replayed log or a leftover working copy not uploaded yet, or a
 * checkpoint the engine made on its own) nothing can be shipped, and shipping fails UNAVAILABLE until the next sync
 * uploads a base.
 */
final class WalShipper {

    /** The engine's log, as the shipper reads it. */
    interface Log {
        /** Bytes in the log now. */
        long length();

        /** Changes when the database file itself was rewritten (a checkpoint), see the engine's {@code fileMarker}. */
        String fileMarker();
    }

    /** Where segments go. */
    interface Sink {
        /**
         * Stores log bytes {@code [from, to)} as segment {@code seq} on top of base {@code base}; throws the
         * storage's error, or {@link SupersededException} when this instance no longer owns the database.
         */
        void store(String base, long seq, long from, long to);
    }

    private final String database;
    private final Log log;
    private final Sink sink;
    private String base;
    private String fileMarker;
    private long shipped;
    private long nextSeq;
    private boolean leading;

    /**
     * @param database the database's name, for messages
     * @param base content id of the stored base the local log applies to; null when none does yet
     */
    WalShipper(String database, Log log, Sink sink, String base) {
        this.database = database;
        this.log = log;
        this.sink = sink;
        rebase(base);
    }

    /**
     * A new base is in storage (the caller holds the database exclusively, so the log is as the checkpoint left
     * it): segments restart at 0 from the log's current length.
     */
    synchronized void rebase(String newBase) {
        base = newBase;
        fileMarker = log.fileMarker();
        shipped = log.length();
        nextSeq = 0;
        notifyAll();
    }

    /** Whether no base in storage matches the local file yet (a sync must upload one before anything ships). */
    synchronized boolean needsBase() {
        return base == null;
    }

    /** Log bytes already in storage (on top of the current base). */
    synchronized long shippedLength() {
        return shipped;
    }

    /** The log's length now. */
    long logLength() {
        return log.length();
    }

    /**
     * Returns once log bytes up to {@code target} are in storage, shipping them (with whatever else committed
     * meanwhile) when no other caller is.
     *
     * @throws ServiceException UNAVAILABLE when they could not be stored (the change stays committed locally and
     *     is shipped by a later call or the next sync); {@link SupersededException} when this instance no longer
     *     owns the database
     */
    void shipThrough(long target) {
        synchronized (this) {
            while (shipped < target && leading) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notDurable("the call was interrupted while its write was being stored", null);
                }
            }
            if (shipped >= target) {
                return;
            }
            leading = true;
        }
        try {
            lead();
        } finally {
            synchronized (this) {
                leading = false;
                notifyAll();
            }
        }
    }

    private void lead() {
        String shipBase;
        long from;
        long seq;
        synchronized (this) {
            if (base != null && !log.fileMarker().equals(fileMarker)) {
                base = null;
            }
            if (base == null) {
                throw notDurable("no base of it is in storage yet (it is uploaded by the next sync)", null);
            }
            shipBase = base;
            from = shipped;
            seq = nextSeq;
        }
        long to = log.length();
        if (to < from) {
            synchronized (this) {
                base = null;
            }
            throw notDurable("its log was checkpointed locally (it is uploaded by the next sync)", null);
        }
        if (to == from) {
            return;
        }
        try {
            sink.store(shipBase, seq, from, to);
        } catch (SupersededException e) {
            throw e;
        } catch (ServiceException e) {
            throw notDurable("object storage did not take its log (" + e.getMessage() + ")", e);
        }
        synchronized (this) {
            if (shipBase.equals(base) && shipped == from) {
                shipped = to;
                nextSeq = seq + 1;
            }
        }
    }

    private ServiceException notDurable(String why, Throwable cause) {
        String detail = "database '" + database + "' committed the write on this instance, but it is not durable: "
                + why + "; the write is kept here and stored with a later write or the next sync, so treat its "
                + "outcome as unknown (read before retrying a write that is not idempotent)";
        return cause == null ? new ServiceException(ErrorKind.UNAVAILABLE, detail)
                : new ServiceException(ErrorKind.UNAVAILABLE, detail, cause);
    }
}
