package isa.duckdb.application.service;

import static isa.duckdb.application.service.LifecycleFixture.IDLE_TIMEOUT;
import static isa.duckdb.application.service.LifecycleFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.InMemoryEngineDatabase;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, caching, evicting, syncing, closing and recovering databases, with fakes and a hand-moved clock. */
class DatabaseLifecycleTest {
    @TempDir
    Path root;
    private LifecycleFixture fixture;
    private DatabaseLifecycle lifecycle;

    @BeforeEach
    void createLifecycle() {
        fixture = new LifecycleFixture(root);
        lifecycle = fixture.lifecycle;
    }

    // --- opening and caching

    @Test
    void theFirstAcquireDownloadsTheDatabaseAndOpensItWithTheServerLimits() {
        DatabaseDescriptor orders = fixture.stored("orders", "CREATE TABLE o (id INTEGER)");

        try (Lease lease = lifecycle.acquire(orders, CancellationSignal.none())) {
            assertThat(lease.tableCount()).isEqualTo(1);
            assertThat(lease.scratch()).isEqualTo(fixture.workingDirectory("orders").resolve("scratch")).isDirectory();
        }

        assertThat(fixture.opensOf("orders")).singleElement().extracting(InMemoryEngineDatabase::limits)
                .isEqualTo(new EngineLimits(LifecycleFixture.THREADS, LifecycleFixture.MEMORY,
                        fixture.workingDirectory("orders").resolve("scratch")));
        assertThat(lifecycle.isOpen(TENANT, orders.name())).isTrue();
        assertThat(lifecycle.stats().cacheMisses()).isEqualTo(1);
    }

    @Test
    void aDatabasesOwnSettingsApplyWithItsThreadsCappedAtTheServersLimit() {
        DatabaseDescriptor greedy = fixture.stored(LifecycleFixture.descriptor("greedy",
                new DatabaseSettings(Optional.of(64), Optional.of("512MB"))));
        DatabaseDescriptor modest = fixture.stored(LifecycleFixture.descriptor("modest",
                new DatabaseSettings(Optional.of(2), Optional.empty())));

        lifecycle.acquire(greedy, CancellationSignal.none()).close();
        lifecycle.acquire(modest, CancellationSignal.none()).close();

        EngineLimits greedyLimits = fixture.opensOf("greedy").get(0).limits();
        EngineLimits modestLimits = fixture.opensOf("modest").get(0).limits();
        assertThat(greedyLimits.threads()).isEqualTo(LifecycleFixture.THREADS);
        assertThat(greedyLimits.memoryLimit()).isEqualTo("512MB");
        assertThat(modestLimits.threads()).isEqualTo(2);
        assertThat(modestLimits.memoryLimit()).isEqualTo(LifecycleFixture.MEMORY);
    }

    @Test
    void aSecondAcquireUsesTheDatabaseAlreadyOpen() {
        DatabaseDescriptor orders = fixture.stored("orders");

        lifecycle.acquire(orders, CancellationSignal.none()).close();
        lifecycle.acquire(orders, CancellationSignal.none()).close();
        lifecycle.acquire(orders, CancellationSignal.none()).close();

        assertThat(fixture.opensOf("orders")).hasSize(1);
        assertThat(lifecycle.stats().cacheHits()).isEqualTo(2);
        assertThat(lifecycle.stats().cacheMisses()).isEqualTo(1);
        DatabaseActivity activity = lifecycle.activity(TENANT, orders.name());
        assertThat(activity.cacheHits()).isEqualTo(2);
        assertThat(activity.cacheMisses()).isEqualTo(1);
    }

    @Test
    void aDatabaseMissingFromStorageIsNotFoundAndNotOpened() {
        DatabaseDescriptor ghost = LifecycleFixture.descriptor("ghost", DatabaseSettings.DEFAULTS);
        fixture.catalog.claimBucket(TENANT);

        assertThatThrownBy(() -> lifecycle.acquire(ghost, CancellationSignal.none()))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(lifecycle.isOpen(TENANT, ghost.name())).isFalse();
        assertThat(fixture.opensOf("ghost")).isEmpty();
    }

    @Test
    void aCallCancelledBeforeItStartsOpensNothing() {
        DatabaseDescriptor orders = fixture.stored("orders");
        CancellationSignal signal = CancellationSignal.none();
        signal.cancel(ErrorKind.DEADLINE_EXCEEDED);

        assertThatThrownBy(() -> lifecycle.acquire(orders, signal))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED));
        assertThat(fixture.opensOf("orders")).isEmpty();
    }

    @Test
    void aClosedDatabaseIsOpenedAgainFromStorageWithItsData() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");
        lifecycle.closeAll(Duration.ZERO);

        try (Lease lease = lifecycle.acquire(orders, CancellationSignal.none())) {
            assertThat(lease.tableCount()).isEqualTo(1);
        }
        assertThat(fixture.opensOf("orders")).hasSize(2);
        assertThat(lifecycle.stats().cacheMisses()).isEqualTo(2);
    }

    @Test
    void lastAccessIsTheTimeOfTheLatestAcquire() {
        DatabaseDescriptor orders = fixture.stored("orders");
        lifecycle.acquire(orders, CancellationSignal.none()).close();
        fixture.clock.advance(Duration.ofSeconds(42));
        lifecycle.acquire(orders, CancellationSignal.none()).close();

        assertThat(lifecycle.lastAccess(TENANT, orders.name())).hasValue(fixture.clock.instant());
        assertThat(lifecycle.lastAccess(TENANT, DatabaseName.of("other"))).isEmpty();
    }

    // --- eviction and idle close

    @Test
    void overTheLimitTheLeastRecentlyUsedIdleDatabaseIsSyncedAndClosed() {
        DatabaseDescriptor first = fixture.stored("first");
        DatabaseDescriptor second = fixture.stored("second");
        DatabaseDescriptor third = fixture.stored("third");
        fixture.write(first, "CREATE TABLE f (x INTEGER)");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.write(second, "CREATE TABLE s (x INTEGER)");
        fixture.clock.advance(Duration.ofSeconds(1));
        lifecycle.acquire(first, CancellationSignal.none()).close();
        fixture.clock.advance(Duration.ofSeconds(1));

        lifecycle.acquire(third, CancellationSignal.none()).close();

        assertThat(lifecycle.openCount()).isEqualTo(2);
        assertThat(lifecycle.isOpen(TENANT, second.name())).isFalse();
        assertThat(lifecycle.isOpen(TENANT, first.name())).isTrue();
        assertThat(fixture.opensOf("second").get(0).isOpen()).isFalse();
        assertThat(fixture.workingDirectory("second")).doesNotExist();
        assertThat(fixture.storedTables("second")).hasValue(List.of("s"));
    }

    @Test
    void aDatabaseWithACallRunningIsNotEvictedEvenWhenLeastRecentlyUsed() {
        DatabaseDescriptor busy = fixture.stored("busy");
        DatabaseDescriptor idle = fixture.stored("idle");
        DatabaseDescriptor newcomer = fixture.stored("newcomer");

        try (Lease held = lifecycle.acquire(busy, CancellationSignal.none())) {
            fixture.clock.advance(Duration.ofSeconds(1));
            lifecycle.acquire(idle, CancellationSignal.none()).close();
            fixture.clock.advance(Duration.ofSeconds(1));
            lifecycle.acquire(newcomer, CancellationSignal.none()).close();

            assertThat(lifecycle.isOpen(TENANT, busy.name())).isTrue();
            assertThat(lifecycle.isOpen(TENANT, idle.name())).isFalse();
            assertThat(lifecycle.isOpen(TENANT, newcomer.name())).isTrue();
            assertThat(held.tableCount()).isZero();
        }
    }

    @Test
    void anIdleDatabaseIsClosedOnlyAfterTheIdleTimeout() {
        DatabaseDescriptor orders = fixture.stored("orders");
        lifecycle.acquire(orders, CancellationSignal.none()).close();

        fixture.clock.advance(IDLE_TIMEOUT.minusSeconds(1));
        lifecycle.closeIdle();
        assertThat(lifecycle.isOpen(TENANT, orders.name())).isTrue();

        fixture.clock.advance(Duration.ofSeconds(2));
        lifecycle.closeIdle();
        assertThat(lifecycle.isOpen(TENANT, orders.name())).isFalse();
        assertThat(fixture.workingDirectory("orders")).doesNotExist();
        assertThat(fixture.opensOf("orders").get(0).isOpen()).isFalse();
    }

    @Test
    void aDatabaseWithACallRunningIsNotClosedForIdleness() {
        DatabaseDescriptor orders = fixture.stored("orders");

        try (Lease held = lifecycle.acquire(orders, CancellationSignal.none())) {
            fixture.clock.advance(IDLE_TIMEOUT.multipliedBy(3));
            lifecycle.closeIdle();

            assertThat(lifecycle.isOpen(TENANT, orders.name())).isTrue();
        }
    }

    // --- sync

    @Test
    void aChangedDatabaseIsWrittenBackAndThenCountsAsClean() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");
        assertThat(lifecycle.stats().dirtyDatabases()).isEqualTo(1);

        lifecycle.syncChanged();

        assertThat(fixture.storedTables("orders")).hasValue(List.of("o"));
        assertThat(lifecycle.stats().dirtyDatabases()).isZero();
        assertThat(lifecycle.stats().syncs()).isEqualTo(1);
        assertThat(lifecycle.activity(TENANT, orders.name()).syncs()).isEqualTo(1);
        assertThat(fixture.workingDirectory("orders").resolve("snapshot.upload")).doesNotExist();
    }

    @Test
    void theOldestUnsyncedChangeIsTheEndOfTheFirstCallThatMadeItUntilASyncStoresIt() {
        DatabaseDescriptor orders = fixture.stored("orders");
        DatabaseDescriptor items = fixture.stored("items");
        assertThat(lifecycle.oldestUnsyncedChange()).isEmpty();
        Instant firstWrite = fixture.clock.instant();
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");
        fixture.clock.advance(Duration.ofSeconds(20));
        fixture.write(items, "CREATE TABLE i (id INTEGER)");
        fixture.write(orders, "INSERT INTO o VALUES (1)");
        fixture.clock.advance(Duration.ofSeconds(20));

        assertThat(lifecycle.oldestUnsyncedChange()).hasValue(firstWrite);

        lifecycle.syncChanged();

        assertThat(lifecycle.oldestUnsyncedChange()).isEmpty();
    }

    @Test
    void aDatabaseWithoutChangesIsNotUploadedAgain() {
        DatabaseDescriptor orders = fixture.stored("orders", "CREATE TABLE o (id INTEGER)");
        lifecycle.acquire(orders, CancellationSignal.none()).close();
        var before = fixture.storage.stat(LifecycleFixture.bucket(), "orders.duckdb").orElseThrow();
        fixture.clock.advance(Duration.ofMinutes(1));

        lifecycle.syncChanged();
        lifecycle.closeAll(Duration.ZERO);

        assertThat(fixture.storage.stat(LifecycleFixture.bucket(), "orders.duckdb")).hasValue(before);
        assertThat(lifecycle.stats().syncs()).isZero();
    }

    @Test
    void aSyncRecordsTheTableCountAndLastAccessInTheStoredDescriptor() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.clock.advance(Duration.ofHours(1));
        fixture.write(orders, "CREATE TABLE a (x INTEGER)");
        fixture.write(orders, "CREATE TABLE b (x INTEGER)");

        lifecycle.syncChanged();

        DatabaseCatalog fresh = new DatabaseCatalog(fixture.storage, new BucketOwnership(fixture.storage), fixture.clock);
        DatabaseDescriptor stored = fresh.find(TENANT, orders.name()).orElseThrow();
        assertThat(stored.tableCount()).isEqualTo(2);
        assertThat(stored.lastAccessed()).isEqualTo(fixture.clock.instant());
    }

    @Test
    void aDatabaseWhoseUploadFailedStaysOpenAndDirtyUntilALaterSyncSucceeds() {
        DatabaseDescriptor journal = fixture.stored("journal");
        fixture.write(journal, "CREATE TABLE j (id INTEGER)");
        fixture.storage.setAvailable(false);

        lifecycle.syncChanged();
        fixture.clock.advance(IDLE_TIMEOUT.multipliedBy(2));
        lifecycle.closeIdle();
        lifecycle.closeAll(Duration.ZERO);

        assertThat(lifecycle.isOpen(TENANT, journal.name())).isTrue();
        assertThat(lifecycle.stats().dirtyDatabases()).isEqualTo(1);
        assertThat(lifecycle.stats().syncFailures()).isEqualTo(3);
        assertThat(lifecycle.activity(TENANT, journal.name()).unsyncedChanges()).isTrue();
        assertThat(fixture.workingDirectory("journal")).isDirectory();

        fixture.storage.setAvailable(true);
        lifecycle.syncChanged();
        assertThat(fixture.storedTables("journal")).hasValue(List.of("j"));
        lifecycle.closeAll(Duration.ZERO);
        assertThat(lifecycle.openCount()).isZero();
    }

    @Test
    void aFailedSnapshotKeepsTheDatabaseDirtyAndTheNextSyncStoresIt() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");
        fixture.engine.failNextSnapshot(new ServiceException(ErrorKind.INTERNAL, "disk full"));

        lifecycle.syncChanged();
        assertThat(fixture.storedTables("orders")).hasValue(List.of());
        assertThat(lifecycle.activity(TENANT, orders.name()).syncFailures()).isEqualTo(1);

        lifecycle.syncChanged();
        assertThat(fixture.storedTables("orders")).hasValue(List.of("o"));
        assertThat(lifecycle.stats().dirtyDatabases()).isZero();
    }

    @Test
    void aPeriodicSyncTakesItsSnapshotBetweenCallsWhileCallsKeepArriving() throws Exception {
        DatabaseDescriptor orders = fixture.stored("orders");
        Lease running = lifecycle.acquire(orders, CancellationSignal.none());
        LifecycleFixture.write(running, "CREATE TABLE o (id INTEGER)");
        Thread tick = new Thread(lifecycle::syncChanged, "tick");
        tick.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> tick.getState() == Thread.State.TIMED_WAITING || !tick.isAlive());
        assertThat(tick.isAlive()).as("the sync waits for the running call instead of giving up").isTrue();
        CompletableFuture<Void> next = CompletableFuture.runAsync(
                () -> fixture.write(orders, "CREATE TABLE later (id INTEGER)"));

        running.close();

        tick.join(TimeUnit.SECONDS.toMillis(10));
        next.get(10, TimeUnit.SECONDS);
        assertThat(fixture.storedTables("orders")).as("the snapshot landed between the two calls")
                .hasValue(List.of("o"));
        assertThat(lifecycle.activity(TENANT, orders.name()).syncFailures()).isZero();
    }

    @Test
    void aCallOutlastingTheSyncsWaitSkipsItThreeTimesThenTheSyncWaitsLonger() throws Exception {
        DatabaseDescriptor orders = fixture.stored("orders");
        Lease held = lifecycle.acquire(orders, CancellationSignal.none());
        LifecycleFixture.write(held, "CREATE TABLE o (id INTEGER)");
        Thread skippingSyncs = new Thread(() -> {
            for (int miss = 0; miss < 3; miss++) {
                lifecycle.syncChanged();
            }
        }, "skipping-syncs");
        skippingSyncs.start();
        skippingSyncs.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(skippingSyncs.isAlive()).as("each of the first three syncs gives up").isFalse();
        assertThat(fixture.storedTables("orders")).hasValue(List.of());

        Thread blockingSync = new Thread(lifecycle::syncChanged, "blocking-sync");
        blockingSync.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> blockingSync.getState() == Thread.State.TIMED_WAITING);
        CompletableFuture<Lease> newcomer = new CompletableFuture<>();
        Thread call = new Thread(() -> newcomer.complete(lifecycle.acquire(orders, CancellationSignal.none())), "call");
        call.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> call.getState() == Thread.State.WAITING);
        assertThat(newcomer).isNotDone();

        held.close();

        blockingSync.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(blockingSync.isAlive()).isFalse();
        assertThat(fixture.storedTables("orders")).hasValue(List.of("o"));
        newcomer.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void syncNowOfABusyDatabaseIsUnavailableAndSucceedsOnceItsCallsEnd() {
        DatabaseDescriptor orders = fixture.stored("orders");
        Lease held = lifecycle.acquire(orders, CancellationSignal.none());
        LifecycleFixture.write(held, "CREATE TABLE o (id INTEGER)");

        assertThatThrownBy(() -> lifecycle.syncNow(orders, Duration.ZERO))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("orders").doesNotContain(root.toString());
                });
        held.close();

        lifecycle.syncNow(orders, Duration.ZERO);
        assertThat(fixture.storedTables("orders")).hasValue(List.of("o"));
        assertThat(CompletableFuture.supplyAsync(() -> lifecycle.acquire(orders, CancellationSignal.none())))
                .as("calls get in again after the sync").succeedsWithin(Duration.ofSeconds(10))
                .satisfies(Lease::close);
    }

    @Test
    void syncNowOfADatabaseNotOpenHereLeavesStorageAsItIs() {
        DatabaseDescriptor orders = fixture.stored("orders", "CREATE TABLE o (id INTEGER)");

        lifecycle.syncNow(orders, Duration.ZERO);

        assertThat(fixture.storedTables("orders")).hasValue(List.of("o"));
        assertThat(lifecycle.stats().syncs()).isZero();
    }

    // --- close, discard, closeAll

    @Test
    void closeAllWritesChangesBackFirstAndRemovesTheWorkingCopies() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");

        lifecycle.closeAll(Duration.ZERO);

        assertThat(fixture.storedTables("orders")).hasValue(List.of("o"));
        assertThat(lifecycle.openCount()).isZero();
        assertThat(fixture.workingDirectory("orders")).doesNotExist();
        assertThat(fixture.opensOf("orders").get(0).isOpen()).isFalse();
    }

    @Test
    void closeAllLeavesADatabaseWhoseCallsOutlastTheGraceOpen() {
        DatabaseDescriptor orders = fixture.stored("orders");
        DatabaseDescriptor idle = fixture.stored("idle");
        lifecycle.acquire(idle, CancellationSignal.none()).close();

        try (Lease held = lifecycle.acquire(orders, CancellationSignal.none())) {
            lifecycle.closeAll(Duration.ZERO);

            assertThat(lifecycle.isOpen(TENANT, orders.name())).isTrue();
            assertThat(lifecycle.isOpen(TENANT, idle.name())).isFalse();
        }
    }

    @Test
    void closeAllProbesStorageAndUploadsOnceItAnswersAgainWithinTheGrace() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");
        fixture.storage.setAvailable(false);
        fixture.afterPause = pauses -> fixture.storage.setAvailable(pauses >= 3);

        List<DatabaseDescriptor> unsynced = lifecycle.closeAll(Duration.ofSeconds(30));

        assertThat(unsynced).isEmpty();
        assertThat(fixture.storedTables("orders")).hasValue(List.of("o"));
        assertThat(lifecycle.openCount()).isZero();
        assertThat(fixture.workingDirectory("orders")).doesNotExist();
        assertThat(fixture.pauses).hasSize(3);
        assertThat(lifecycle.stats().syncFailures()).as("the refused upload and two unanswered probes").isEqualTo(3);
    }

    @Test
    void closeAllNamesTheDatabasesStorageNeverTookWithinTheGraceAndKeepsTheirWorkingCopies() {
        DatabaseDescriptor orders = fixture.stored("orders");
        DatabaseDescriptor unchanged = fixture.stored("unchanged");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");
        lifecycle.acquire(unchanged, CancellationSignal.none()).close();
        fixture.storage.setAvailable(false);
        Instant start = fixture.clock.instant();

        List<DatabaseDescriptor> unsynced = lifecycle.closeAll(Duration.ofSeconds(5));

        assertThat(unsynced).extracting(DatabaseDescriptor::name).containsExactly(orders.name());
        assertThat(fixture.clock.instant()).isEqualTo(start.plusSeconds(5));
        assertThat(lifecycle.isOpen(TENANT, orders.name())).isTrue();
        assertThat(lifecycle.isOpen(TENANT, unchanged.name())).isFalse();
        assertThat(fixture.workingDirectory("orders")).isDirectory();
        assertThat(lifecycle.stats().syncFailures()).isEqualTo(1 + fixture.pauses.size());
        fixture.storage.setAvailable(true);
        assertThat(fixture.storedTables("orders")).hasValue(List.of());
    }

    @Test
    void closeAllWithoutGraceTriesOnceAndDoesNotWait() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");
        fixture.storage.setAvailable(false);

        assertThat(lifecycle.closeAll(Duration.ZERO)).extracting(DatabaseDescriptor::name)
                .containsExactly(orders.name());
        assertThat(fixture.pauses).isEmpty();
    }

    @Test
    void discardClosesTheDatabaseWithoutWritingItBack() {
        DatabaseDescriptor doomed = fixture.stored("doomed");
        fixture.write(doomed, "CREATE TABLE d (id INTEGER)");

        lifecycle.discard(TENANT, doomed.name(), false, false);

        assertThat(lifecycle.isOpen(TENANT, doomed.name())).isFalse();
        assertThat(fixture.storedTables("doomed")).hasValue(List.of());
        assertThat(fixture.workingDirectory("doomed")).doesNotExist();
    }

    @Test
    void discardWithSyncFirstWritesTheChangesBackBeforeClosing() {
        DatabaseDescriptor kept = fixture.stored("kept");
        fixture.write(kept, "CREATE TABLE k (id INTEGER)");

        lifecycle.discard(TENANT, kept.name(), false, true);

        assertThat(lifecycle.isOpen(TENANT, kept.name())).isFalse();
        assertThat(fixture.storedTables("kept")).hasValue(List.of("k"));
    }

    @Test
    void discardWhileCallsRunIsAFailedPreconditionAndKeepsTheDatabase() {
        DatabaseDescriptor busy = fixture.stored("busy");

        try (Lease held = lifecycle.acquire(busy, CancellationSignal.none())) {
            assertThatThrownBy(() -> lifecycle.discard(TENANT, busy.name(), false, false))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION));
            assertThat(lifecycle.isOpen(TENANT, busy.name())).isTrue();
        }
    }

    @Test
    void aForcedDiscardCancelsTheRunningCallsAndClosesOnceTheyEnd() {
        DatabaseDescriptor busy = fixture.stored("busy");
        CancellationSignal signal = CancellationSignal.none();
        Lease held = lifecycle.acquire(busy, signal);
        signal.onCancel(held::close);

        lifecycle.discard(TENANT, busy.name(), true, false);

        assertThat(signal.reason()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(lifecycle.isOpen(TENANT, busy.name())).isFalse();
    }

    @Test
    void discardWithSyncFirstIsUnavailableAndKeepsTheDatabaseWhenTheSyncFails() {
        DatabaseDescriptor kept = fixture.stored("kept");
        fixture.write(kept, "CREATE TABLE k (id INTEGER)");
        fixture.storage.setAvailable(false);

        assertThatThrownBy(() -> lifecycle.discard(TENANT, kept.name(), false, true))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));

        assertThat(lifecycle.isOpen(TENANT, kept.name())).isTrue();
        assertThat(lifecycle.stats().dirtyDatabases()).isEqualTo(1);
    }

    @Test
    void discardOfADatabaseNotOpenRemovesItsLeftoverWorkingCopy() {
        Path leftover = fixture.leaveWorkingCopy("stale", "CREATE TABLE s (id INTEGER)");

        lifecycle.discard(TENANT, DatabaseName.of("stale"), false, false);

        assertThat(leftover).doesNotExist();
    }

    @Test
    void discardForgetsTheDatabasesCounters() {
        DatabaseDescriptor orders = fixture.stored("orders");
        lifecycle.acquire(orders, CancellationSignal.none()).close();
        lifecycle.acquire(orders, CancellationSignal.none()).close();

        lifecycle.discard(TENANT, orders.name(), false, false);

        DatabaseActivity activity = lifecycle.activity(TENANT, orders.name());
        assertThat(activity.open()).isFalse();
        assertThat(activity.cacheHits()).isZero();
        assertThat(activity.cacheMisses()).isZero();
    }

    // --- crash recovery

    @Test
    void aWorkingCopyLeftByACrashIsUploadedAtStartAndRemoved() throws Exception {
        fixture.stored("crashed");
        Path leftover = fixture.leaveWorkingCopy("crashed", "CREATE TABLE c (id INTEGER)");
        Path spool = lifecycle.incomingFile("upload");
        Files.writeString(spool, "half an upload");

        lifecycle.recoverAtStart();

        assertThat(fixture.storedTables("crashed")).hasValue(List.of("c"));
        assertThat(leftover).doesNotExist();
        assertThat(spool).doesNotExist();
        assertThat(fixture.opensOf("crashed")).singleElement()
                .satisfies(opened -> assertThat(opened.isOpen()).isFalse());
    }

    @Test
    void aWorkingCopyThatCannotBeUploadedIsKeptAndRecoveredLater() {
        Path leftover = fixture.leaveWorkingCopy("crashed", "CREATE TABLE c (id INTEGER)");
        fixture.storage.setAvailable(false);

        lifecycle.recoverAtStart();

        assertThat(leftover.resolve("crashed.duckdb")).isRegularFile();
        assertThat(fixture.opensOf("crashed")).singleElement()
                .satisfies(opened -> assertThat(opened.isOpen()).isFalse());

        fixture.storage.setAvailable(true);
        lifecycle.recoverLeftovers();
        assertThat(fixture.storage.list(LifecycleFixture.bucket(), "")).as("the bucket was made for it").isNotEmpty();
        assertThat(fixture.storedTables("crashed")).hasValue(List.of("c"));
        assertThat(leftover).doesNotExist();
    }

    @Test
    void recoveryLeavesTheWorkingCopiesOfOpenDatabasesAlone() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.write(orders, "CREATE TABLE o (id INTEGER)");

        lifecycle.recoverLeftovers();

        assertThat(fixture.opensOf("orders")).hasSize(1);
        assertThat(fixture.workingDirectory("orders").resolve("orders.duckdb")).isRegularFile();
        assertThat(fixture.storedTables("orders")).hasValue(List.of());
        assertThat(lifecycle.stats().dirtyDatabases()).isEqualTo(1);
    }

    @Test
    void aCallArrivingWhileItsDatabaseClosesWaitsAndOpensItAgain() throws Exception {
        DatabaseDescriptor orders = fixture.stored("orders");
        Lease held = lifecycle.acquire(orders, CancellationSignal.none());
        LifecycleFixture.write(held, "CREATE TABLE o (id INTEGER)");
        Thread shutdown = new Thread(() -> lifecycle.closeAll(Duration.ofSeconds(30)), "close-all");
        shutdown.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> shutdown.getState() == Thread.State.TIMED_WAITING);
        CompletableFuture<Lease> newcomer = new CompletableFuture<>();
        Thread call = new Thread(() -> newcomer.complete(lifecycle.acquire(orders, CancellationSignal.none())), "call");
        call.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> call.getState() == Thread.State.WAITING);

        held.close();

        shutdown.join(TimeUnit.SECONDS.toMillis(10));
        try (Lease lease = newcomer.get(10, TimeUnit.SECONDS)) {
            assertThat(lease.tableCount()).isEqualTo(1);
        }
        assertThat(lifecycle.isOpen(TENANT, orders.name())).isTrue();
    }

    @Test
    void twoCallsOpeningTheSameDatabaseAtOnceOpenItOnce() throws Exception {
        HeldOpenEngine held = new HeldOpenEngine();
        LifecycleFixture racing = new LifecycleFixture(root.resolve("racing"), held::wrapping);
        DatabaseDescriptor orders = racing.stored("orders");
        CompletableFuture<Lease> first = CompletableFuture.supplyAsync(
                () -> racing.lifecycle.acquire(orders, CancellationSignal.none()));
        held.awaitHeldOpen();
        CompletableFuture<Lease> second = new CompletableFuture<>();
        Thread call = new Thread(() -> second.complete(racing.lifecycle.acquire(orders, CancellationSignal.none())),
                "call");
        call.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> call.getState() == Thread.State.BLOCKED);

        held.release();

        first.get(10, TimeUnit.SECONDS).close();
        second.get(10, TimeUnit.SECONDS).close();
        assertThat(racing.opensOf("orders")).hasSize(1);
        assertThat(racing.lifecycle.openCount()).isEqualTo(1);
    }

    @Test
    void aLeftoverWorkingCopyIsUsedWhenItsDatabaseOpensAndIsWrittenBack() {
        DatabaseDescriptor orders = fixture.stored("orders");
        fixture.leaveWorkingCopy("orders", "CREATE TABLE unsynced (id INTEGER)");

        try (Lease lease = lifecycle.acquire(orders, CancellationSignal.none())) {
            assertThat(lease.tableCount()).isEqualTo(1);
        }
        assertThat(lifecycle.stats().dirtyDatabases()).isEqualTo(1);
        lifecycle.syncChanged();

        assertThat(fixture.storedTables("orders")).hasValue(List.of("unsynced"));
    }

    // --- create, spool, counters

    @Test
    void createEmptyStoresAnEmptyDatabaseAndKeepsItOpen() {
        DatabaseDescriptor fresh = LifecycleFixture.descriptor("fresh", DatabaseSettings.DEFAULTS);

        lifecycle.createEmpty(fresh);

        assertThat(fixture.storedTables("fresh")).hasValue(List.of());
        assertThat(lifecycle.isOpen(TENANT, fresh.name())).isTrue();
        assertThat(lifecycle.stats().dirtyDatabases()).isZero();
        assertThat(fixture.opensOf("fresh")).hasSize(1);
    }

    @Test
    void createEmptyReplacesAnyOldWorkingCopyOfThatName() {
        fixture.leaveWorkingCopy("fresh", "CREATE TABLE old (id INTEGER)");

        lifecycle.createEmpty(LifecycleFixture.descriptor("fresh", DatabaseSettings.DEFAULTS));

        assertThat(fixture.storedTables("fresh")).hasValue(List.of());
    }

    @Test
    void createEmptyLeavesNothingBehindWhenStorageFails() {
        DatabaseDescriptor fresh = LifecycleFixture.descriptor("fresh", DatabaseSettings.DEFAULTS);
        fixture.storage.setAvailable(false);

        assertThatThrownBy(() -> lifecycle.createEmpty(fresh))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));

        assertThat(lifecycle.isOpen(TENANT, fresh.name())).isFalse();
        assertThat(fixture.workingDirectory("fresh")).doesNotExist();
        assertThat(fixture.opensOf("fresh").get(0).isOpen()).isFalse();
    }

    @Test
    void creatingBeyondTheLimitClosesTheLeastRecentlyUsedIdleDatabase() {
        lifecycle.createEmpty(LifecycleFixture.descriptor("a", DatabaseSettings.DEFAULTS));
        fixture.clock.advance(Duration.ofSeconds(1));
        lifecycle.createEmpty(LifecycleFixture.descriptor("b", DatabaseSettings.DEFAULTS));
        fixture.clock.advance(Duration.ofSeconds(1));
        lifecycle.createEmpty(LifecycleFixture.descriptor("c", DatabaseSettings.DEFAULTS));

        assertThat(lifecycle.openCount()).isEqualTo(2);
        assertThat(lifecycle.isOpen(TENANT, DatabaseName.of("a"))).isFalse();
    }

    @Test
    void incomingFilesAreFreshPathsInTheWorkRootsSpoolFolder() {
        Path first = lifecycle.incomingFile("restore");
        Path second = lifecycle.incomingFile("restore");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.getParent()).isEqualTo(fixture.work.resolve(".incoming")).isDirectory();
    }

    @Test
    void activityShowsCallsInFlightQueriesAndStateOfOneDatabase() {
        DatabaseDescriptor orders = fixture.stored("orders");

        try (Lease held = lifecycle.acquire(orders, CancellationSignal.none())) {
            held.recordQuery(2_000_000, true);
            held.recordQuery(3_000_000, false);
            LifecycleFixture.write(held, "CREATE TABLE o (id INTEGER)");

            DatabaseActivity activity = lifecycle.activity(TENANT, orders.name());
            assertThat(activity.open()).isTrue();
            assertThat(activity.callsInFlight()).isEqualTo(1);
            assertThat(activity.unsyncedChanges()).isTrue();
            assertThat(activity.queries().count()).isEqualTo(2);
            assertThat(activity.queriesFailed()).isEqualTo(1);
            assertThat(activity.lastAccess()).hasValue(fixture.clock.instant());
            assertThat(held.sizeBytes()).isPositive();
        }
        assertThat(lifecycle.activity(TENANT, orders.name()).callsInFlight()).isZero();
        assertThat(lifecycle.activity(TENANT, DatabaseName.of("unknown")).open()).isFalse();
    }

    @Test
    void statsCountOpenAndDirtyDatabasesAcrossTenantsDatabases() {
        DatabaseDescriptor a = fixture.stored("a");
        DatabaseDescriptor b = fixture.stored("b");
        fixture.write(a, "CREATE TABLE t (id INTEGER)");
        lifecycle.acquire(b, CancellationSignal.none()).close();

        LifecycleStats stats = lifecycle.stats();

        assertThat(stats.openDatabases()).isEqualTo(2);
        assertThat(stats.dirtyDatabases()).isEqualTo(1);
        assertThat(stats.cacheMisses()).isEqualTo(2);
        assertThat(stats.syncFailures()).isZero();
    }

    /** The fake engine with its first open held back until the test releases it. */
    private static final class HeldOpenEngine implements QueryEngine {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private QueryEngine delegate;

        QueryEngine wrapping(QueryEngine engine) {
            delegate = engine;
            return this;
        }

        void awaitHeldOpen() throws InterruptedException {
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("an open reached the engine").isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public EngineDatabase open(Path databaseFile, EngineLimits limits) {
            entered.countDown();
            try {
                assertThat(released.await(10, TimeUnit.SECONDS)).as("the test released the open").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return delegate.open(databaseFile, limits);
        }

        @Override
        public boolean isDatabaseFile(Path file) {
            return delegate.isDatabaseFile(file);
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public java.util.Optional<String> timeZone(String name) {
            return delegate.timeZone(name);
        }

        @Override
        public void selfTest() {
            delegate.selfTest();
        }
    }
}
