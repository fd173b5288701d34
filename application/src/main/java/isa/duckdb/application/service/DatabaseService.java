package isa.duckdb.application.service;

import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.in.DatabasePage;
import isa.duckdb.application.port.in.DatabaseView;
import isa.duckdb.application.port.in.DeleteDatabaseCommand;
import isa.duckdb.application.port.in.ListDatabasesQuery;
import isa.duckdb.application.port.in.ManageDatabasesUseCase;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@Singleton
public final class DatabaseService implements ManageDatabasesUseCase {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    private static final int MAX_METADATA_ENTRIES = 64;
    private static final int MAX_METADATA_TEXT = 1024;
    /** The metadata key under which CreateDatabase keeps the {@code minio_bucket} a caller sent. */
    public static final String BUCKET_LABEL = "requested_minio_bucket";

    private final DatabaseCatalog catalog;
    private final DatabaseLifecycle lifecycle;
    private final ObjectStorage storage;
    private final QueryEngine engine;
    private final Clock clock;
    private final Map<String, Object> createLocks = new ConcurrentHashMap<>();

    @Inject
    public DatabaseService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, ObjectStorage storage,
            QueryEngine engine, Clock clock) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.storage = storage;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public DatabaseView create(CreateDatabaseCommand command) {
        TenantId tenant = command.tenant();
        DatabaseName name = DatabaseName.of(command.name());
        checkMetadata(command.metadata());
        Map<String, String> metadata = withBucketLabel(command.metadata(), command.requestedBucket());
        DatabaseSettings settings = withKnownTimeZone(DatabaseSettings.fromConfig(command.config()));
        String lockKey = tenant.databaseBucket() + "/" + name.value();
        synchronized (createLocks.computeIfAbsent(lockKey, k -> new Object())) {
            try {
                catalog.claimBucket(tenant);
                catalog.requireAbsent(tenant, name);
                DatabaseDescriptor descriptor = catalog.newDescriptor(tenant, name, command.organizationId(),
                        metadata, settings);
                lifecycle.createEmpty(descriptor);
                catalog.register(descriptor);
                return describe(tenant, descriptor.id());
            } finally {
                createLocks.remove(lockKey);
            }
        }
    }

    /**
     * The caller's metadata with the {@code minio_bucket} it sent kept as the label {@value #BUCKET_LABEL} (at most
     * {@value #MAX_METADATA_TEXT} characters), unless the caller's metadata has that key already. The database
     * lives in the tenant's bucket whatever was sent (wire contract, "CreateDatabase.minio_bucket").
     */
    private static Map<String, String> withBucketLabel(Map<String, String> metadata, String requestedBucket) {
        if (requestedBucket == null || requestedBucket.isEmpty() || metadata.containsKey(BUCKET_LABEL)) {
            return metadata;
        }
        Map<String, String> labelled = new HashMap<>(metadata);
        labelled.put(BUCKET_LABEL, requestedBucket.length() <= MAX_METADATA_TEXT
                ? requestedBucket
                : requestedBucket.substring(0, MAX_METADATA_TEXT));
        return labelled;
    }

    /** The settings with their time zone spelled as the engine spells it; INVALID_ARGUMENT for a zone it does not know. */
    private DatabaseSettings withKnownTimeZone(DatabaseSettings settings) {
        if (settings.timeZone().isEmpty()) {
            return settings;
        }
        String given = settings.timeZone().get();
        return engine.timeZone(given).map(settings::withTimeZone).orElseThrow(() -> ServiceException.invalid(
                "config timezone '" + SafeText.quote(given) + "' is not a time zone the engine knows"
                        + " (names as in DuckDB's pg_timezone_names(), e.g. UTC, Europe/Berlin, America/New_York)"));
    }

    private static void checkMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw ServiceException.invalid("metadata has more than " + MAX_METADATA_ENTRIES + " entries");
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128 || value.length() > MAX_METADATA_TEXT) {
                throw ServiceException.invalid("metadata keys must be 1 to 128 characters and values at most "
                        + MAX_METADATA_TEXT + " characters");
            }
        });
    }

    @Override
    public DatabasePage list(ListDatabasesQuery query) {
        if (query.page() < 0 || query.pageSize() < 0) {
            throw ServiceException.invalid("page and page_size may not be negative");
        }
        int pageSize = query.pageSize() == 0 ? DEFAULT_PAGE_SIZE : Math.min(query.pageSize(), MAX_PAGE_SIZE);
        int page = Math.max(query.page(), 1);
        String filter = query.nameFilter() == null ? "" : query.nameFilter().toLowerCase(Locale.ROOT);
        String organization = query.organizationId() == null ? "" : query.organizationId();
        Map<String, StoredObject> objects = new ConcurrentHashMap<>();
        storage.list(query.tenant().databaseBucket(), "").forEach(o -> objects.put(o.key(), o));
        List<DatabaseDescriptor> matching = catalog.all(query.tenant()).stream()
                .filter(d -> d.name().value().toLowerCase(Locale.ROOT).contains(filter))
                .filter(d -> organization.isEmpty() || organization.equals(d.organizationId()))
                .toList();
        long skip = (long) (page - 1) * pageSize;
        List<DatabaseView> views = matching.stream()
                .skip(skip)
                .limit(pageSize)
                .map(d -> viewWithoutOpening(d, objects.get(StorageLayout.databaseKey(d.name()))))
                .toList();
        return new DatabasePage(views, matching.size(), page, pageSize);
    }

    private DatabaseView viewWithoutOpening(DatabaseDescriptor descriptor, StoredObject object) {
        DatabaseDescriptor current = catalog.current(descriptor, lifecycle.lastAccess(descriptor.tenant(), descriptor.name()));
        long size = object == null ? 0 : object.size();
        return new DatabaseView(current, descriptor.tenant().databaseBucket(), StorageLayout.databaseKey(descriptor.name()), size,
                current.tableCount(), engine.version());
    }

    @Override
    public DatabaseView describe(TenantId tenant, String databaseRef) {
        DatabaseDescriptor descriptor = catalog.resolve(tenant, databaseRef);
        try (Lease lease = lifecycle.acquire(descriptor, CancellationSignal.none())) {
            int tables = lease.tableCount();
            long size = lease.sizeBytes();
            DatabaseDescriptor current = catalog.current(descriptor, lifecycle.lastAccess(tenant, descriptor.name()));
            return new DatabaseView(current.withTableCount(tables), tenant.databaseBucket(),
                    StorageLayout.databaseKey(descriptor.name()), size, tables, engine.version());
        }
    }

    @Override
    public String delete(DeleteDatabaseCommand command) {
        TenantId tenant = command.tenant();
        DatabaseDescriptor descriptor = catalog.resolve(tenant, command.databaseRef());
        DatabaseName name = descriptor.name();
        lifecycle.discard(tenant, name, command.force(), !command.deleteFromStorage());
        String bucket = tenant.databaseBucket();
        String message;
        if (command.deleteFromStorage()) {
            message = "database '" + name + "' deleted, including its file in storage";
        } else {
            String keptAs = StorageLayout.deletedCopyKey(name, clock.instant());
            storage.copy(bucket, StorageLayout.databaseKey(name), keptAs);
            message = "database '" + name + "' deleted; its last state is kept as backup '" + keptAs
                    + "' (delete_from_minio=true removes it for good)";
        }
        catalog.remove(tenant, name);
        return message;
    }
}
