package isa.duckdb.application.service;

import isa.duckdb.application.port.in.BackupOutcome;
import isa.duckdb.application.port.in.BackupUseCase;
import isa.duckdb.application.port.in.DatabaseView;
import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ObjectKey;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Backups are server-side copies of the synced database file under {@code backups/} in the
 * tenant's bucket; a restore copies a backup that passed as a DuckDB database to a new name.
 */
public final class BackupService implements BackupUseCase {
    private static final Duration SYNC_WAIT = Duration.ofSeconds(30);

    private final DatabaseCatalog catalog;
    private final DatabaseLifecycle lifecycle;
    private final ObjectStorage storage;
    private final QueryEngine engine;
    private final Clock clock;
    private final TenantAccess access;
    private final TenantQuotas quotas;

    @Inject
    public BackupService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, ObjectStorage storage,
            QueryEngine engine, Clock clock, TenantAccess access, TenantQuotas quotas) {
        this.access = access;
        this.quotas = quotas;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.storage = storage;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public BackupOutcome backup(Caller caller, String databaseRef, String backupName, boolean incremental) {
        try (TenantCall call = access.enter(caller)) {
            return backup(call.tenant(), databaseRef, backupName, incremental);
        }
    }

    private BackupOutcome backup(TenantId tenant, String databaseRef, String backupName, boolean incremental) {
        DatabaseDescriptor descriptor = catalog.resolve(tenant, databaseRef);
        String label = backupName == null || backupName.isBlank()
                ? descriptor.name().value()
                : DatabaseName.of(backupName).value();
        quotas.requireStorageRoom(tenant);
        lifecycle.syncNow(descriptor, SYNC_WAIT);
        Instant now = clock.instant();
        String path = StorageLayout.backupKey(label, now);
        String bucket = tenant.databaseBucket();
        storage.copy(bucket, StorageLayout.databaseKey(descriptor.name()), path);
        long size = storage.stat(bucket, path).map(StoredObject::size)
                .orElseThrow(() -> new ServiceException(ErrorKind.INTERNAL, "the backup copy did not appear"));
        String message = "full backup of '" + descriptor.name() + "' stored as " + path
                + (incremental ? " (incremental backups are not supported; this is a full copy)" : "");
        return new BackupOutcome(path, size, now, message);
    }

    @Override
    public DatabaseView restore(Caller caller, String backupPath, String newDatabaseName) {
        try (TenantCall call = access.enter(caller)) {
            TenantId tenant = call.tenant();
            if (newDatabaseName == null || newDatabaseName.isBlank()) {
                throw ServiceException.invalid("new_database_name is required");
            }
            DatabaseName name = DatabaseName.of(newDatabaseName);
            ObjectKey key = ObjectKey.of(keyInOwnBucket(backupPath, tenant.databaseBucket()));
            catalog.claimBucket(tenant);
            return quotas.creatingDatabase(tenant, () -> catalog.all(tenant).size(), () -> restore(tenant, key, name));
        }
    }

    private DatabaseView restore(TenantId tenant, ObjectKey key, DatabaseName name) {
        String bucket = tenant.databaseBucket();
        catalog.requireAbsent(tenant, name);
        StoredObject backup = storage.stat(bucket, key.value())
                .orElseThrow(() -> ServiceException.notFound("backup '" + key + "' does not exist for user '" + tenant + "'"));
        int tables = verifiedTableCount(bucket, key);
        storage.copy(bucket, key.value(), StorageLayout.databaseKey(name));
        DatabaseDescriptor descriptor = catalog.newDescriptor(tenant, name, "", Map.of("restored_from", key.value()),
                DatabaseSettings.DEFAULTS).withTableCount(tables);
        catalog.register(descriptor);
        return new DatabaseView(descriptor, bucket, StorageLayout.databaseKey(name), backup.size(), tables, engine.version());
    }

    /** Accepts a key in the tenant's bucket, also written as {@code bucket/key} or {@code s3://bucket/key}. */
    private static String keyInOwnBucket(String backupPath, String bucket) {
        if (backupPath == null || backupPath.isBlank()) {
            throw ServiceException.invalid("backup_path is required");
        }
        String path = backupPath.trim();
        if (path.startsWith("s3://")) {
            path = path.substring("s3://".length());
            if (!path.startsWith(bucket + "/")) {
                throw ServiceException.invalid("backup_path must be in your own bucket '" + bucket + "'");
            }
        }
        return path.startsWith(bucket + "/") ? path.substring(bucket.length() + 1) : path;
    }

    /** Downloads the backup and opens it with the engine; anything that is not a DuckDB database is refused. */
    private int verifiedTableCount(String bucket, ObjectKey key) {
        Path folder = lifecycle.incomingFile("restore");
        Path file = folder.resolve("candidate" + StorageLayout.DATABASE_SUFFIX);
        try {
            Files.createDirectories(folder.resolve("scratch"));
            storage.download(bucket, key.value(), file);
            if (!engine.isDatabaseFile(file)) {
                throw ServiceException.invalid("backup '" + key + "' is not a DuckDB database file");
            }
            try (EngineDatabase candidate = engine.open(file, new EngineLimits(1, "256MB", folder.resolve("scratch")))) {
                return candidate.tableCount();
            } catch (ServiceException e) {
                throw ServiceException.invalid("backup '" + key + "' is not a readable DuckDB database");
            }
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "the backup could not be checked", e);
        } finally {
            LocalFiles.deleteRecursively(folder);
        }
    }
}
