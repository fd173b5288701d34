package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.TenantId;
import java.util.function.Function;

/**
 * Runs work on a tenant's database catalog the way every call does: resolve the database, hold
 * it open with a lease (so that changes are synced and it is not closed underneath), use one session.
 */
final class CatalogAccess {
    private final DatabaseCatalog catalog;
    private final DatabaseLifecycle lifecycle;
    private final TenantAccess access;

    CatalogAccess(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, TenantAccess access) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.access = access;
    }

    /** The caller's tenant call ({@link TenantAccess#enter}); close it when the work is done. */
    TenantCall enter(Caller caller) {
        return access.enter(caller);
    }

    <T> T on(TenantId tenant, String databaseRef, CancellationSignal signal, Function<SchemaCatalog, T> work) {
        DatabaseDescriptor descriptor = catalog.resolve(tenant, databaseRef);
        try (Lease lease = lifecycle.acquire(descriptor, signal); EngineSession session = lease.openSession()) {
            return work.apply(session.catalog(signal));
        }
    }
}
