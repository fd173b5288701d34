package isa.duckdb.application.service;

import static isa.duckdb.application.service.LifecycleFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.InMemoryDatabaseOwnership;
import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing (issue 13): instance A lost the lease of a database without noticing (a long pause, a partition),
 * instance B took it over (a newer generation) and wrote; whatever A uploads afterwards, or was uploading
 * meanwhile, is refused, B's state is what storage keeps, and A stops serving the database and keeps its own
 * changes aside. Both instances share one storage and one ownership coordinator.
 */
class UploadFencingTest {
    private static final DatabaseOwner A = new DatabaseOwner("duckdb-service-a", "10.0.0.1:50052");
    private static final DatabaseOwner B = new DatabaseOwner("duckdb-service-b", "10.0.0.2:50052");

    @TempDir
    Path root;
    private final InMemoryDatabaseOwnership.Coordinator coordinator = new InMemoryDatabaseOwnership.Coordinator();
    private LifecycleFixture a;
    private LifecycleFixture b;
    private DatabaseDescriptor sales;

    @BeforeEach
    void twoInstancesOnOneStorage() {
        a = new LifecycleFixture(root.resolve("a"), UnaryOperator.identity(), coordinator.instance(A));
        b = new LifecycleFixture(root.resolve("b"), UnaryOperator.identity(), coordinator.instance(B), a.storage);
        sales = a.stored("sales", "CREATE TABLE stored (id INTEGER)");
    }

    @Test
    void anOwnerWakingLateAfterATakeoverHasItsSyncRefusedAndTheNewOwnersStateStays() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");
        takeOverByB();

        a.lifecycle.syncChanged();

        assertThat(a.storedTables("sales")).hasValue(List.of("from_b", "stored"));
        assertThat(a.lifecycle.isOpen(TENANT, sales.name())).isFalse();
        assertThat(setAside(a)).singleElement().satisfies(copy ->
                assertThat(a.tablesIn(copy)).containsExactlyInAnyOrder("stored", "from_a"));
        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> a.lifecycle.acquire(sales, CancellationSignal.none()));
        assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
        assertThat(e.getMessage()).contains("is served by instance duckdb-service-b");
    }

    @Test
    void anOwnerPausedMidUploadWhileAnotherTookOverDoesNotReplaceTheNewOwnersState() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");
        AtomicBoolean paused = new AtomicBoolean();
        a.storage.afterEachUpload(key -> {
            if (key.startsWith(".staged/") && paused.compareAndSet(false, true)) {
                takeOverByB();
            }
        });

        a.lifecycle.syncChanged();

        assertThat(paused).isTrue();
        assertThat(a.storedTables("sales")).hasValue(List.of("from_b", "stored"));
        assertThat(a.storage.list(LifecycleFixture.bucket(), ".staged/")).isEmpty();
        assertThat(a.lifecycle.isOpen(TENANT, sales.name())).isFalse();
        assertThat(setAside(a)).singleElement().satisfies(copy ->
                assertThat(a.tablesIn(copy)).containsExactlyInAnyOrder("stored", "from_a"));
    }

    @Test
    void theShutdownSyncOfAnOwnerThatWasTakenOverIsRefusedAndNotRetried() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");
        takeOverByB();

        List<DatabaseDescriptor> unsynced = a.lifecycle.closeAll(Duration.ofSeconds(5));

        assertThat(unsynced).isEmpty();
        assertThat(a.pauses).isEmpty();
        assertThat(a.storedTables("sales")).hasValue(List.of("from_b", "stored"));
        assertThat(setAside(a)).hasSize(1);
        assertThat(a.workingDirectory("sales")).doesNotExist();
    }

    @Test
    void aBackupSyncOfAnOwnerThatWasTakenOverFailsAndStopsServingTheDatabase() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");
        takeOverByB();

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> a.lifecycle.syncNow(sales, Duration.ofSeconds(1)));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
        assertThat(e.getMessage()).contains("is owned by instance duckdb-service-b", "its upload was refused");
        assertThat(a.storedTables("sales")).hasValue(List.of("from_b", "stored"));
        assertThat(a.lifecycle.isOpen(TENANT, sales.name())).isFalse();
    }

    @Test
    void aCrashLeftoverWhoseDatabaseWasTakenOverDuringItsUploadIsSetAsideNotUploaded() {
        Path leftover = a.leaveWorkingCopy("sales", "CREATE TABLE stored (id INTEGER)",
                "CREATE TABLE crashed (id INTEGER)");
        AtomicBoolean paused = new AtomicBoolean();
        a.storage.afterEachUpload(key -> {
            if (key.startsWith(".staged/") && paused.compareAndSet(false, true)) {
                takeOverByB();
            }
        });

        a.lifecycle.recoverLeftovers();

        assertThat(paused).isTrue();
        assertThat(a.storedTables("sales")).hasValue(List.of("from_b", "stored"));
        assertThat(leftover).doesNotExist();
        assertThat(setAside(a)).singleElement().satisfies(copy ->
                assertThat(a.tablesIn(copy)).containsExactlyInAnyOrder("stored", "crashed"));
    }

    @Test
    void anOwnerThatKeepsItsLeaseStillSyncsThroughTheFence() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");

        a.lifecycle.syncChanged();

        assertThat(a.storedTables("sales")).hasValue(List.of("from_a", "stored"));
        assertThat(a.lifecycle.isOpen(TENANT, sales.name())).isTrue();
        assertThat(a.storage.list(LifecycleFixture.bucket(), ".staged/")).isEmpty();
        assertThat(setAside(a)).isEmpty();
    }

    @Test
    void aLostLeaseKeepsTheUnsyncedChangesAside() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");

        a.ownership.loseAll();

        assertThat(a.lifecycle.isOpen(TENANT, sales.name())).isFalse();
        assertThat(a.storedTables("sales")).hasValue(List.of("stored"));
        assertThat(setAside(a)).singleElement().satisfies(copy ->
                assertThat(a.tablesIn(copy)).containsExactlyInAnyOrder("stored", "from_a"));
    }

    @Test
    void aWorkingCopyLeftByACrashedOwnerIsSetAsideWhenAnotherInstanceServedTheDatabaseSince() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");
        takeOverByB();
        b.clock.advance(LifecycleFixture.IDLE_TIMEOUT.plusSeconds(1));
        b.lifecycle.closeIdle();
        LifecycleFixture restarted = restartA();

        restarted.lifecycle.recoverLeftovers();

        assertThat(restarted.storedTables("sales")).hasValue(List.of("from_b", "stored"));
        assertThat(restarted.workingDirectory("sales")).doesNotExist();
        assertThat(setAside(restarted)).singleElement().satisfies(copy ->
                assertThat(restarted.tablesIn(copy)).containsExactlyInAnyOrder("stored", "from_a"));
    }

    @Test
    void aWorkingCopyLeftByACrashedOwnerIsNotReopenedWhenAnotherInstanceServedTheDatabaseSince() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");
        takeOverByB();
        b.clock.advance(LifecycleFixture.IDLE_TIMEOUT.plusSeconds(1));
        b.lifecycle.closeIdle();
        LifecycleFixture restarted = restartA();

        restarted.write(sales, "CREATE TABLE after_restart (id INTEGER)");
        restarted.lifecycle.syncChanged();

        assertThat(restarted.storedTables("sales")).hasValue(List.of("after_restart", "from_b", "stored"));
        assertThat(setAside(restarted)).hasSize(1);
    }

    @Test
    void aWorkingCopyLeftByACrashedOwnerThatNobodyServedSinceIsStillUploaded() {
        a.write(sales, "CREATE TABLE from_a (id INTEGER)");
        a.ownership.loseAllUnnoticed();
        coordinator.endLockDelays();
        LifecycleFixture restarted = restartA();

        restarted.lifecycle.recoverLeftovers();

        assertThat(restarted.storedTables("sales")).hasValue(List.of("from_a", "stored"));
        assertThat(setAside(restarted)).isEmpty();
    }

    /** A new run of instance A on A's folder (its working copies kept, as after kill -9), sharing the storage. */
    private LifecycleFixture restartA() {
        return new LifecycleFixture(root.resolve("a"), UnaryOperator.identity(), coordinator.instance(A), a.storage);
    }

    /** A's session ends unnoticed; after the lock-delay B opens the database, writes and syncs it. */
    private void takeOverByB() {
        a.ownership.loseAllUnnoticed();
        coordinator.endLockDelays();
        DatabaseDescriptor onB = LifecycleFixture.descriptor("sales", DatabaseSettings.DEFAULTS);
        b.write(onB, "CREATE TABLE from_b (id INTEGER)");
        b.lifecycle.syncChanged();
        assertThat(b.storedTables("sales")).hasValue(List.of("from_b", "stored"));
    }

    private static List<Path> setAside(LifecycleFixture fixture) {
        Path folder = fixture.work.resolve(WorkingCopies.SUPERSEDED_DIR).resolve(LifecycleFixture.bucket());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(StorageLayout.DATABASE_SUFFIX)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
