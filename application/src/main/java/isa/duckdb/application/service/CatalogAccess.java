package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.SchemaCatalog;
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

    CatalogAccess(DatabaseCatalog catalog, DatabaseLifecycle lifecycle) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
    }

    <T> T on(TenantId tenant, String databaseRef, CancellationSignal signal, Function<SchemaCatalog, T> work) {
        DatabaseDescriptor descriptor = catalog.resolve(tenant, databaseRef);
        try (Lease lease = lifecycle.acquire(descriptor, signal); EngineSession session = lease.openSession()) {
            return work.apply(session.catalog(signal));
        }
    }
}
