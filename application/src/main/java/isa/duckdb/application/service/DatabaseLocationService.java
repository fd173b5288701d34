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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LocateDatabaseUseCase} on {@link DatabaseOwnership#holder}: a database named by its name is looked up
 * at once (from memory when this instance holds it); one named by its id is first resolved to its name through
 * the {@link DatabaseCatalog} (from memory once seen). The caller must be allowed to act as the tenant, so that
 * nobody learns who serves another tenant's database.
 *
 * <p>An answer naming another instance is remembered for {@link #REMEMBER_OWNER}, so that a stream of calls to a
 * database served elsewhere asks the coordinator about once a second, not once a call. A call forwarded meanwhile
 * to an instance that stopped serving the database is served there if nobody else took it, or refused naming the
 * new owner (the same race as a lookup answered just before the owner changed); an owner that cannot be reached
 * any more is forgotten at once ({@link #unreachable}).
 */
@Singleton
public final class DatabaseLocationService implements LocateDatabaseUseCase {
    /** How long an answer naming another instance is used without asking the coordinator again. */
    public static final Duration REMEMBER_OWNER = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(DatabaseLocationService.class.getName());

    private record Remembered(ServingInstance owner, Instant until) {
    }

    private final DatabaseOwnership ownership;
    private final DatabaseCatalog catalog;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    @Inject
    public DatabaseLocationService(DatabaseOwnership ownership, DatabaseCatalog catalog, Clock clock) {
        this.ownership = ownership;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public Optional<ServingInstance> servedElsewhere(Caller caller, String databaseRef) {
        try {
            TenantId tenant = caller.principal().actAs(caller.userId());
            Optional<DatabaseName> name = nameOf(tenant, databaseRef);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            String bucket = tenant.databaseBucket();
            String key = bucket + "/" + name.get().value();
            Instant now = clock.instant();
            Remembered known = remembered.get(key);
            if (known != null && now.isBefore(known.until())) {
                return Optional.of(known.owner());
            }
            DatabaseOwner self = ownership.self();
            Optional<ServingInstance> elsewhere = ownership.holder(bucket, name.get().value())
                    .filter(holder -> !holder.equals(self))
                    .map(holder -> new ServingInstance(holder.instanceId(), holder.address()));
            if (elsewhere.isPresent()) {
                remembered.put(key, new Remembered(elsewhere.get(), now.plus(REMEMBER_OWNER)));
            } else {
                remembered.remove(key);
            }
            return elsewhere;
        } catch (ServiceException e) {
            LOG.log(Level.DEBUG, "Could not locate database {0}; serving the call here: {1}", databaseRef,
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void unreachable(ServingInstance owner) {
        remembered.values().removeIf(known -> known.owner().equals(owner));
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
