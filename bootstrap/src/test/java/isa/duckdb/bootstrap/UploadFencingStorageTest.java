package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.adapters.duckdb.DuckDbQueryEngineAdapter;
import isa.duckdb.adapters.filesystem.FilesystemObjectStorageAdapter;
import isa.duckdb.adapters.minio.LocalS3Server;
import isa.duckdb.adapters.minio.MinioObjectStorageAdapter;
import isa.duckdb.adapters.minio.MinioSettings;
import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.InMemoryDatabaseOwnership;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.application.service.BucketOwnership;
import isa.duckdb.application.service.DatabaseCatalog;
import isa.duckdb.application.service.DatabaseLifecycle;
import isa.duckdb.application.service.Lease;
import isa.duckdb.application.service.LifecycleSettings;
import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fencing (issue 13) with real DuckDB on the real storage adapters (the filesystem storage and S3 through
 * S3Proxy on loopback): owner A lost its lease unnoticed, B took the database over and wrote; A's later
 * upload, or the one A was making meanwhile, is refused and B's state is what storage keeps and what the next
 * owner serves.
 */
class UploadFencingStorageTest {
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final DuckDbQueryEngineAdapter ENGINE = new DuckDbQueryEngineAdapter();

    @TempDir
    static Path s3Files;
    static LocalS3Server s3;

    @TempDir
    Path root;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final InMemoryDatabaseOwnership.Coordinator coordinator = new InMemoryDatabaseOwnership.Coordinator();
    /** A tenant (so a bucket) of its own per test: the S3 server is shared by all. */
    private final TenantId tenant = TenantId.of("lena_" + TENANTS.incrementAndGet());

    @BeforeAll
    static void startS3() {
        s3 = LocalS3Server.start(s3Files);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"filesystem", "s3"})
    void anOwnerWakingLateHasItsUploadRefusedAndTheNewOwnersStateStays(String backend) {
        ObjectStorage storage = storage(backend);
        Instance a = new Instance(storage, "a");
        Instance b = new Instance(storage, "b");
        DatabaseDescriptor ledger = a.create("ledger");
        a.run(ledger, "CREATE TABLE entries AS SELECT range AS id FROM range(10)");
        a.lifecycle.syncChanged();
        a.run(ledger, "INSERT INTO entries SELECT range FROM range(10, 15)");

        a.ownership.loseAllUnnoticed();
        coordinator.endLockDelays();
        b.run(ledger, "INSERT INTO entries SELECT range FROM range(100, 200)");
        b.lifecycle.syncChanged();
        a.lifecycle.syncChanged();

        assertThat(a.lifecycle.isOpen(tenant, ledger.name())).isFalse();
        b.lifecycle.closeAll(Duration.ZERO);
        assertThat(new Instance(storage, "c").count(ledger, "SELECT count(*) FROM entries")).isEqualTo(110);
    }

    @ParameterizedTest
    @ValueSource(strings = {"filesystem", "s3"})
    void anOwnerPausedMidUploadDoesNotReplaceTheNewOwnersState(String backend) {
        ObjectStorage shared = storage(backend);
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean paused = new AtomicBoolean();
        Instance b = new Instance(shared, "b");
        Instance[] a = new Instance[1];
        DatabaseDescriptor ledger = descriptor("ledger");
        ObjectStorage pausing = new PausingStorage(shared, key -> {
            if (key.startsWith(".staged/") && armed.get() && paused.compareAndSet(false, true)) {
                a[0].ownership.loseAllUnnoticed();
                coordinator.endLockDelays();
                b.run(ledger, "INSERT INTO entries SELECT range FROM range(100, 200)");
                b.lifecycle.syncChanged();
            }
        });
        a[0] = new Instance(pausing, "a");
        a[0].create(ledger);
        a[0].run(ledger, "CREATE TABLE entries AS SELECT range AS id FROM range(10)");
        a[0].lifecycle.syncChanged();
        a[0].run(ledger, "INSERT INTO entries SELECT range FROM range(10, 15)");
        armed.set(true);

        a[0].lifecycle.syncChanged();

        assertThat(paused).isTrue();
        assertThat(a[0].lifecycle.isOpen(tenant, ledger.name())).isFalse();
        assertThat(shared.list(tenant.databaseBucket(), ".staged/")).isEmpty();
        b.lifecycle.closeAll(Duration.ZERO);
        assertThat(new Instance(shared, "c").count(ledger, "SELECT count(*) FROM entries")).isEqualTo(110);
    }

    private ObjectStorage storage(String backend) {
        if (backend.equals("filesystem")) {
            return new FilesystemObjectStorageAdapter(root.resolve("storage"));
        }
        return MinioObjectStorageAdapter.connect(MinioSettings.of(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                LocalS3Server.SECRET_KEY, false));
    }

    private DatabaseDescriptor descriptor(String name) {
        return new DatabaseDescriptor(name + "-" + UUID.randomUUID(), DatabaseName.of(name), tenant, "",
                clock.instant(), clock.instant(), Map.of(), DatabaseSettings.DEFAULTS, 0);
    }

    /** One service instance: its own work folder, its own lifecycle, one shared storage and coordinator. */
    private final class Instance {
        final InMemoryDatabaseOwnership ownership;
        final DatabaseCatalog catalog;
        final DatabaseLifecycle lifecycle;

        Instance(ObjectStorage storage, String name) {
            ownership = coordinator.instance(new DatabaseOwner("duckdb-service-" + name, name + ":50052"));
            catalog = new DatabaseCatalog(storage, new BucketOwnership(storage), clock);
            lifecycle = new DatabaseLifecycle(storage, ENGINE, new LifecycleSettings(root.resolve("work-" + name), 1,
                    "256MB", 4, Duration.ofMinutes(5), Duration.ofSeconds(30)), catalog, clock, ownership);
        }

        DatabaseDescriptor create(String name) {
            return create(descriptor(name));
        }

        DatabaseDescriptor create(DatabaseDescriptor descriptor) {
            catalog.claimBucket(tenant);
            lifecycle.createEmpty(descriptor);
            catalog.register(descriptor);
            return descriptor;
        }

        void run(DatabaseDescriptor database, String sql) {
            try (Lease lease = lifecycle.acquire(database, CancellationSignal.none());
                    EngineSession session = lease.openSession()) {
                session.run(new BoundSql(sql, List.of()), CancellationSignal.none());
            }
        }

        long count(DatabaseDescriptor database, String sql) {
            try (Lease lease = lifecycle.acquire(database, CancellationSignal.none());
                    EngineSession session = lease.openSession();
                    RowCursor rows = session.run(new BoundSql(sql, List.of()), CancellationSignal.none()).rows()
                            .orElseThrow()) {
                return ((Value.Int) rows.next(1).toRows().get(0)[0]).value();
            }
        }
    }

    /** Storage that runs a hook after each upload, on the uploader's thread: where an owner may pause. */
    private static class PausingStorage implements ObjectStorage {
        private final ObjectStorage delegate;
        private final Consumer<String> afterUpload;

        PausingStorage(ObjectStorage delegate, Consumer<String> afterUpload) {
            this.delegate = delegate;
            this.afterUpload = afterUpload;
        }

        @Override
        public void ensureBucket(String bucket) {
            delegate.ensureBucket(bucket);
        }

        @Override
        public Optional<StoredObject> stat(String bucket, String key) {
            return delegate.stat(bucket, key);
        }

        @Override
        public List<StoredObject> list(String bucket, String prefix) {
            return delegate.list(bucket, prefix);
        }

        @Override
        public void download(String bucket, String key, Path target) {
            delegate.download(bucket, key, target);
        }

        @Override
        public void upload(String bucket, String key, Path source) {
            delegate.upload(bucket, key, source);
            afterUpload.accept(key);
        }

        @Override
        public void put(String bucket, String key, byte[] content) {
            delegate.put(bucket, key, content);
        }

        @Override
        public Optional<byte[]> get(String bucket, String key) {
            return delegate.get(bucket, key);
        }

        @Override
        public void delete(String bucket, String key) {
            delegate.delete(bucket, key);
        }

        @Override
        public void copy(String bucket, String sourceKey, String targetKey) {
            delegate.copy(bucket, sourceKey, targetKey);
        }

        @Override
        public void checkReachable() {
            delegate.checkReachable();
        }

        @Override
        public String backendName() {
            return delegate.backendName();
        }
    }
}
