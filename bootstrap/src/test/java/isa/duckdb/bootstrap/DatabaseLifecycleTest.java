package isa.duckdb.bootstrap;

import isa.duckdb.application.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.adapters.duckdb.DuckDbQueryEngineAdapter;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.service.BucketOwnership;
import isa.duckdb.application.service.DatabaseCatalog;
import isa.duckdb.application.service.DatabaseLifecycle;
import isa.duckdb.application.service.Lease;
import isa.duckdb.application.service.LifecycleSettings;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import isa.duckdb.application.port.out.InMemoryObjectStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle with real DuckDB and the in-memory storage: caching, eviction, outages, crashes. */
class DatabaseLifecycleTest {
    private static final TenantId TENANT = TenantId.of("lena");
    private static final String BUCKET = "user-lena-duckdb";
    private static final DuckDbQueryEngineAdapter ENGINE = new DuckDbQueryEngineAdapter();

    @TempDir
    Path work;
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private DatabaseCatalog catalog;
    private DatabaseLifecycle lifecycle;

    @BeforeEach
    void createLifecycle() {
        lifecycle = lifecycle(2);
    }

    private DatabaseLifecycle lifecycle(int maxOpen) {
        catalog = new DatabaseCatalog(storage, new BucketOwnership(storage), clock);
        return new DatabaseLifecycle(storage, ENGINE, new LifecycleSettings(work, 1, "256MB", maxOpen,
                Duration.ofMinutes(5), Duration.ofSeconds(30)), catalog, clock);
    }

    @Test
    void anIdleDatabaseIsSyncedClosedAndItsWorkingCopyRemoved() {
        DatabaseDescriptor orders = create("orders");
        write(orders, "CREATE TABLE o AS SELECT range AS id FROM range(1000)");

        clock.advance(Duration.ofMinutes(6));
        lifecycle.closeIdle();

        assertThat(lifecycle.isOpen(TENANT, orders.name())).isFalse();
        assertThat(work.resolve(BUCKET).resolve("orders")).doesNotExist();
        assertThat(count(orders, "SELECT count(*) FROM o")).isEqualTo(1000);
    }

    @Test
    void theLeastRecentlyUsedIdleDatabaseMakesRoomAndKeepsItsData() {
        DatabaseDescriptor first = create("first");
        write(first, "CREATE TABLE t AS SELECT 1 AS x");
        clock.advance(Duration.ofSeconds(1));
        DatabaseDescriptor second = create("second");
        clock.advance(Duration.ofSeconds(1));
        create("third");

        assertThat(lifecycle.openCount()).isEqualTo(2);
        assertThat(lifecycle.isOpen(TENANT, first.name())).isFalse();
        assertThat(lifecycle.isOpen(TENANT, second.name())).isTrue();
        assertThat(count(first, "SELECT count(*) FROM t")).isEqualTo(1);
    }

    @Test
    void aDatabaseInUseIsNeitherEvictedNorClosed() {
        DatabaseDescriptor busy = create("busy");
        try (Lease held = lifecycle.acquire(busy, CancellationSignal.none())) {
            clock.advance(Duration.ofMinutes(10));
            lifecycle.closeIdle();
            create("other1");
            create("other2");
            assertThat(lifecycle.isOpen(TENANT, busy.name())).isTrue();
            assertThat(held.tableCount()).isZero();
        }
    }

    @Test
    void duringAnOutageNothingUnsyncedIsClosedAndTheSyncCatchesUpAfterwards() {
        DatabaseDescriptor journal = create("journal");
        storage.setAvailable(false);
        write(journal, "CREATE TABLE j AS SELECT range AS id FROM range(500)");

        lifecycle.syncChanged();
        clock.advance(Duration.ofMinutes(10));
        lifecycle.closeIdle();
        lifecycle.closeAll(Duration.ZERO);
        assertThat(lifecycle.isOpen(TENANT, journal.name())).isTrue();
        assertThat(lifecycle.stats().dirtyDatabases()).isEqualTo(1);
        assertThat(lifecycle.stats().syncFailures()).isPositive();

        storage.setAvailable(true);
        lifecycle.syncChanged();
        assertThat(lifecycle.stats().dirtyDatabases()).isZero();
        lifecycle.closeAll(Duration.ZERO);
        assertThat(lifecycle.openCount()).isZero();
        assertThat(count(journal, "SELECT count(*) FROM j")).isEqualTo(500);
    }

    @Test
    void aWorkingCopyLeftByACrashIsUploadedAtTheNextStart() throws Exception {
        DatabaseDescriptor crashed = create("crashed");
        write(crashed, "CREATE TABLE c AS SELECT range AS id FROM range(77)");
        Path leftover = work.resolve(BUCKET).resolve("crashed");
        Path saved = Files.createTempDirectory(work, "saved");
        copyTree(leftover, saved);
        lifecycle.discard(TENANT, crashed.name(), true, false);
        copyTree(saved, leftover);

        lifecycle = lifecycle(2);
        lifecycle.recoverAtStart();

        assertThat(leftover).doesNotExist();
        assertThat(count(crashed, "SELECT count(*) FROM c")).isEqualTo(77);
    }

    private DatabaseDescriptor create(String name) {
        DatabaseDescriptor descriptor = new DatabaseDescriptor(name + "-id", DatabaseName.of(name), TENANT, "",
                clock.instant(), clock.instant(), Map.of(), DatabaseSettings.DEFAULTS, 0);
        catalog.claimBucket(TENANT);
        lifecycle.createEmpty(descriptor);
        catalog.register(descriptor);
        return descriptor;
    }

    private void write(DatabaseDescriptor database, String sql) {
        try (Lease lease = lifecycle.acquire(database, CancellationSignal.none());
                EngineSession session = lease.openSession()) {
            session.run(new BoundSql(sql, List.of()), CancellationSignal.none());
        }
    }

    private long count(DatabaseDescriptor database, String sql) {
        try (Lease lease = lifecycle.acquire(database, CancellationSignal.none());
                EngineSession session = lease.openSession();
                RowCursor rows = session.run(new BoundSql(sql, List.of()), CancellationSignal.none()).rows().orElseThrow()) {
            return ((Value.Int) rows.next(1).toRows().get(0)[0]).value();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
