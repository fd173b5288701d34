package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.domain.CancellationSignal;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** A call's hold on an open database: while held, the database is neither synced nor closed under it. */
public final class Lease implements AutoCloseable {
    private final OpenDatabase database;
    private final CancellationSignal signal;
    private final QueryMetrics databaseQueries;
    private final Clock clock;
    private final AtomicBoolean released = new AtomicBoolean();
    /** The log's length when the call began ({@code --durability commit}); -1 without shipping. */
    private final long logAtStart;

    Lease(OpenDatabase database, CancellationSignal signal, QueryMetrics databaseQueries, Clock clock) {
        this.database = database;
        this.signal = signal;
        this.databaseQueries = databaseQueries;
        this.clock = clock;
        database.inFlight.add(signal);
        WalShipper shipper = database.shipper;
        this.logAtStart = shipper == null ? -1 : shipper.logLength();
    }

    /** Counts a statement run on this database. */
    void recordQuery(long engineNanos, boolean succeeded) {
        databaseQueries.record(engineNanos, succeeded);
    }

    /** A new session on the database; the caller closes it before the lease. */
    public EngineSession openSession() {
        return database.engine.openSession();
    }

    /** The folder the database's engine may read and write files in; files put here are the tenant's own. */
    public java.nio.file.Path scratch() {
        return database.scratch();
    }

    /** How many base tables the database holds now. */
    public int tableCount() {
        return database.engine.tableCount();
    }

    /** Size of the database file and its write-ahead log, in bytes. */
    public long sizeBytes() {
        return database.engine.sizeBytes();
    }

    /**
     * Releases the hold (once; later calls do nothing), from any thread. With {@code --durability commit}, when the
     * database's log grew during the call (the call, or one beside it, committed a change), the log is first shipped
     * through its current length ({@link WalShipper#shipThrough}), so the call is answered only once its writes are
     * in storage.
     *
     * @throws isa.duckdb.domain.ServiceException UNAVAILABLE when the log could not be stored (the hold is released
     *     all the same); FAILED_PRECONDITION when another instance owns the database now (it is then retired here)
     */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        try {
            WalShipper shipper = database.shipper;
            if (shipper != null) {
                long now = shipper.logLength();
                if (now > logAtStart && now > shipper.shippedLength()) {
                    shipper.shipThrough(now);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            database.noteChanges(clock.instant());
            database.inFlight.remove(signal);
            database.gate.exitShared();
        }
        if (failure instanceof SupersededException && database.onSuperseded != null) {
            database.onSuperseded.accept(database);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
