package isa.duckdb.application.service;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which databases a tenant has. A database is its object {@code {name}.duckdb} in the tenant
 * bucket; its descriptor (id, times, labels) is a small object beside it under {@code .meta/}.
 * A database file without a descriptor (made by the Go service) gets one on first sight.
 */
@Singleton
public final class DatabaseCatalog {
    static final Pattern ID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ObjectStorage storage;
    private final BucketOwnership ownership;
    private final Clock clock;
    private final Map<DatabaseKey, DatabaseDescriptor> known = new ConcurrentHashMap<>();
    /** Database ids seen in {@link #known}, by tenant id and database id, so that a call by id lists nothing. */
    private final Map<String, DatabaseKey> keysById = new ConcurrentHashMap<>();

    @Inject
    public DatabaseCatalog(ObjectStorage storage, BucketOwnership ownership, Clock clock) {
        this.storage = storage;
        this.ownership = ownership;
        this.clock = clock;
    }

    /** Finds a database by id or by name. NOT_FOUND when there is none; never creates one. */
    public DatabaseDescriptor resolve(TenantId tenant, String ref) {
        if (ref == null || ref.isBlank()) {
            throw ServiceException.invalid("database_id is required (the database id or name)");
        }
        boolean idShaped = ID_SHAPE.matcher(ref).matches();
        if (idShaped) {
            Optional<DatabaseDescriptor> seen = seenById(tenant, ref);
            if (seen.isPresent()) {
                return seen.get();
            }
        }
        if (DatabaseName.isValid(ref)) {
            Optional<DatabaseDescriptor> byName = find(tenant, DatabaseName.of(ref));
            if (byName.isPresent()) {
                return byName.get();
            }
        }
        if (idShaped && ownership.mayUse(tenant.databaseBucket(), tenant)) {
            for (DatabaseDescriptor descriptor : all(tenant)) {
                if (descriptor.id().equals(ref)) {
                    return descriptor;
                }
            }
        } else if (!DatabaseName.isValid(ref)) {
            DatabaseName.of(ref);
        }
        throw ServiceException.notFound("database '" + ref + "' does not exist for user '" + tenant.id() + "'");
    }

    /**
     * ALREADY_EXISTS when the tenant's bucket holds a database of that name, also one whose descriptor names
     * another tenant id (which this tenant may not see, and must not overwrite either).
     */
    public void requireAbsent(TenantId tenant, DatabaseName name) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        if (find(tenant, name).isPresent() || storage.stat(key.bucket(), key.objectKey()).isPresent()) {
            throw ServiceException.alreadyExists("database '" + name + "' already exists for user '" + tenant + "'");
        }
    }

    /**
     * The tenant's database of that name, if any: only when the bucket the tenant's id maps to is the
     * tenant's (its owner is this exact id) and the database's descriptor names this exact id. Checked
     * before the cache, as the cache is keyed by bucket.
     */
    public Optional<DatabaseDescriptor> find(TenantId tenant, DatabaseName name) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        if (!ownership.mayUse(key.bucket(), tenant)) {
            return Optional.empty();
        }
        DatabaseDescriptor cached = known.get(key);
        if (cached != null) {
            return Optional.of(cached).filter(d -> d.tenant().equals(tenant));
        }
        return storage.stat(key.bucket(), key.objectKey()).map(object -> load(tenant, name, object))
                .filter(d -> d.tenant().equals(tenant));
    }

    /** Every database of the tenant, sorted by name. */
    public List<DatabaseDescriptor> all(TenantId tenant) {
        String bucket = tenant.databaseBucket();
        ownership.check(bucket, tenant);
        List<DatabaseDescriptor> result = new ArrayList<>();
        for (StoredObject object : storage.list(bucket, "")) {
            StorageLayout.databaseOf(object.key()).ifPresent(databaseName -> {
                DatabaseDescriptor cached = known.get(DatabaseKey.of(tenant, databaseName));
                result.add(cached != null ? cached : load(tenant, databaseName, object));
            });
        }
        result.removeIf(d -> !d.tenant().equals(tenant));
        return result;
    }

    private DatabaseDescriptor load(TenantId tenant, DatabaseName name, StoredObject object) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        DatabaseDescriptor descriptor = storage.get(key.bucket(), StorageLayout.descriptorKey(name))
                .map(bytes -> DescriptorCodec.decode(bytes, tenant))
                .orElseGet(() -> {
                    Instant created = object.lastModified();
                    DatabaseDescriptor adopted = new DatabaseDescriptor(UUID.randomUUID().toString(), name, tenant, "",
                            created, created, Map.of(), DatabaseSettings.DEFAULTS, 0);
                    storage.put(key.bucket(), StorageLayout.descriptorKey(name), DescriptorCodec.encode(adopted));
                    return adopted;
                });
        remember(key, descriptor);
        return descriptor;
    }

    /** The descriptor with this id already known to this instance, when the tenant may use its bucket. */
    private Optional<DatabaseDescriptor> seenById(TenantId tenant, String id) {
        DatabaseKey key = keysById.get(idKey(tenant, id));
        DatabaseDescriptor cached = key == null ? null : known.get(key);
        if (cached == null || !cached.id().equals(id) || !cached.tenant().equals(tenant)
                || !ownership.mayUse(key.bucket(), tenant)) {
            return Optional.empty();
        }
        return Optional.of(cached);
    }

    private void remember(DatabaseKey key, DatabaseDescriptor descriptor) {
        known.put(key, descriptor);
        keysById.put(idKey(descriptor.tenant(), descriptor.id()), key);
    }

    private static String idKey(TenantId tenant, String databaseId) {
        return tenant.id() + "/" + databaseId;
    }

    /** A new descriptor for a database about to be created. */
    public DatabaseDescriptor newDescriptor(TenantId tenant, DatabaseName name, String organizationId,
            Map<String, String> metadata, DatabaseSettings settings) {
        Instant now = clock.instant();
        return new DatabaseDescriptor(UUID.randomUUID().toString(), name, tenant, organizationId, now, now, metadata,
                settings, 0);
    }

    /** Creates the tenant's database bucket if needed, refusing one that another tenant owns. */
    public void claimBucket(TenantId tenant) {
        ownership.claim(tenant.databaseBucket(), tenant);
    }

    public void register(DatabaseDescriptor descriptor) {
        DatabaseKey key = DatabaseKey.of(descriptor.tenant(), descriptor.name());
        storage.put(key.bucket(), StorageLayout.descriptorKey(descriptor.name()), DescriptorCodec.encode(descriptor));
        remember(key, descriptor);
    }

    /**
     * Forgets the database and removes its file, descriptor, log segments ({@link WalSegments}) and upload fence
     * ({@link GenerationFence}) from
     * storage; an instance still holding it open elsewhere can then no longer upload it.
     */
    public void remove(TenantId tenant, DatabaseName name) {
        DatabaseKey key = DatabaseKey.of(tenant, name);
        storage.delete(key.bucket(), key.objectKey());
        storage.delete(key.bucket(), StorageLayout.descriptorKey(name));
        storage.delete(key.bucket(), StorageLayout.generationKey(name));
        for (var segment : storage.list(key.bucket(), StorageLayout.walPrefix(name))) {
            storage.delete(key.bucket(), segment.key());
        }
        DatabaseDescriptor forgotten = known.remove(key);
        if (forgotten != null) {
            keysById.remove(idKey(tenant, forgotten.id()));
        }
    }

    /** Persists the last access time and table count when they moved. */
    void recordSync(DatabaseDescriptor descriptor, Instant lastAccess, int tableCount) {
        DatabaseKey key = DatabaseKey.of(descriptor.tenant(), descriptor.name());
        DatabaseDescriptor current = known.getOrDefault(key, descriptor);
        if (lastAccess.isAfter(current.lastAccessed()) || tableCount != current.tableCount()) {
            Instant latest = lastAccess.isAfter(current.lastAccessed()) ? lastAccess : current.lastAccessed();
            register(current.accessedAt(latest).withTableCount(tableCount));
        }
    }

    /** The last access as this instance knows it (open databases are touched on every call). */
    public DatabaseDescriptor current(DatabaseDescriptor descriptor, Optional<Instant> openLastAccess) {
        return openLastAccess.filter(t -> t.isAfter(descriptor.lastAccessed()))
                .map(descriptor::accessedAt)
                .orElse(descriptor);
    }
}
