package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A database whose working copy is open locally, with what the lifecycle tracks about it. */
final class OpenDatabase {
    final DatabaseKey key;
    final Path directory;
    final EngineDatabase engine;
    final AccessGate gate = new AccessGate();
    final Set<CancellationSignal> inFlight = ConcurrentHashMap.newKeySet();
    volatile DatabaseDescriptor descriptor;
    volatile Instant lastAccess;
    /** The engine's change marker when storage last received the file; null: never synced. */
    volatile String syncedMarker;
    volatile int missedSyncs;
    /** When changes not yet in storage were first seen (a call ending, a sync tick, a metrics read); null: none. */
    volatile Instant unsyncedSince;
    /** This instance's hold on the database (see {@link DatabaseOwners}); null while being created or recovered. */
    volatile isa.duckdb.application.port.out.OwnershipLease ownership;
    /** Ships its log before writes are answered ({@code --durability commit}); null with periodic durability. */
    volatile WalShipper shipper;
    /** Told (after the call's hold is released) when a log shipment found the database owned elsewhere. */
    volatile java.util.function.Consumer<OpenDatabase> onSuperseded;

    OpenDatabase(DatabaseKey key, Path directory, EngineDatabase engine, DatabaseDescriptor descriptor, Instant now) {
        this.key = key;
        this.directory = directory;
        this.engine = engine;
        this.descriptor = descriptor;
        this.lastAccess = now;
    }

    Path scratch() {
        return WorkingCopies.scratch(directory);
    }

    boolean hasUnsyncedChanges() {
        return !engine.changeMarker().equals(syncedMarker);
    }

    /** Notes {@code now} as the time changes were first seen, when there are unsynced ones and none was noted. */
    void noteChanges(Instant now) {
        if (unsyncedSince == null && hasUnsyncedChanges()) {
            unsyncedSince = now;
        }
    }
}
