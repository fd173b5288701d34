package isa.duckdb.application.service;

import isa.duckdb.application.port.in.LocateDatabaseUseCase;
import isa.duckdb.application.port.in.ServingInstance;
import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * {@link LocateDatabaseUseCase} on {@link DatabaseOwnership#holder}: a database named by its name is looked up
 * at once (from memory when this instance holds it); one named by its id is first resolved to its name through
 * the {@link DatabaseCatalog} (from memory once seen). The caller must be allowed to act as the tenant, so that
 * nobody learns who serves another tenant's database.
 */
@Singleton
public final class DatabaseLocationService implements LocateDatabaseUseCase {
    private static final System.Logger LOG = System.getLogger(DatabaseLocationService.class.getName());

    private final DatabaseOwnership ownership;
    private final DatabaseCatalog catalog;

    @Inject
    public DatabaseLocationService(DatabaseOwnership ownership, DatabaseCatalog catalog) {
        this.ownership = ownership;
        this.catalog = catalog;
    }

    @Override
    public Optional<ServingInstance> servedElsewhere(Caller caller, String databaseRef) {
        try {
            TenantId tenant = caller.principal().actAs(caller.userId());
            Optional<DatabaseName> name = nameOf(tenant, databaseRef);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            DatabaseOwner self = ownership.self();
            return ownership.holder(tenant.databaseBucket(), name.get().value())
                    .filter(holder -> !holder.equals(self))
                    .map(holder -> new ServingInstance(holder.instanceId(), holder.address()));
        } catch (ServiceException e) {
            LOG.log(Level.DEBUG, "Could not locate database {0}; serving the call here: {1}", databaseRef,
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String instanceId() {
        return ownership.self().instanceId();
    }

    /** A name as given; an id resolved through the catalog; empty when the reference is neither. */
    private Optional<DatabaseName> nameOf(TenantId tenant, String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        if (DatabaseCatalog.ID_SHAPE.matcher(ref).matches()) {
            return Optional.of(catalog.resolve(tenant, ref).name());
        }
        return DatabaseName.isValid(ref) ? Optional.of(DatabaseName.of(ref)) : Optional.empty();
    }
}
