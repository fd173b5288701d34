package isa.duckdb.application.service;

import static isa.duckdb.application.service.LifecycleFixture.IDLE_TIMEOUT;
import static isa.duckdb.application.service.LifecycleFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.InMemoryDatabaseOwnership;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One owner per database: the lifecycle opens a database only with its lease, gives it up on close, stops on loss. */
class DatabaseOwnershipLifecycleTest {
    private static final DatabaseOwner A = new DatabaseOwner("duckdb-service-a", "10.0.0.1:50052");
    private static final DatabaseOwner B = new DatabaseOwner("duckdb-service-b", "10.0.0.2:50052");

    @TempDir
    Path root;
    private final InMemoryDatabaseOwnership.Coordinator coordinator = new InMemoryDatabaseOwnership.Coordinator();
    private LifecycleFixture a;
    private LifecycleFixture b;

    @BeforeEach
    void twoInstances() {
        a = new LifecycleFixture(root.resolve("a"), UnaryOperator.identity(), coordinator.instance(A));
        b = new LifecycleFixture(root.resolve("b"), UnaryOperator.identity(), coordinator.instance(B));
    }

    @Test
    void aDatabaseServedByAnotherInstanceIsRefusedWithItsOwnerNamedAndNotOpened() {
        DatabaseDescriptor onA = a.stored("sales");
        DatabaseDescriptor onB = b.stored("sales");
        a.lifecycle.acquire(onA, CancellationSignal.none()).close();

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> b.lifecycle.acquire(onB, CancellationSignal.none()));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
        assertThat(e.getMessage()).isEqualTo("FAILED_PRECONDITION: database 'sales' is served by instance "
                + "duckdb-service-a at 10.0.0.1:50052; it changed owner while the call was on its way: retry the call");
        assertThat(b.lifecycle.isOpen(TENANT, onB.name())).isFalse();
        assertThat(b.opensOf("sales")).isEmpty();
    }

    @Test
    void creatingADatabaseAnotherInstanceServesIsRefusedAndStoresNothing() {
        a.lifecycle.acquire(a.stored("sales"), CancellationSignal.none()).close();
        DatabaseDescriptor fresh = LifecycleFixture.descriptor("sales", DatabaseSettings.DEFAULTS);
        b.catalog.claimBucket(TENANT);

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> b.lifecycle.createEmpty(fresh));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
        assertThat(b.storedTables("sales")).isEmpty();
    }

    @Test
    void closingAnIdleDatabaseSyncsItThenGivesTheLeaseUp() {
        DatabaseDescriptor sales = a.stored("sales");
        a.write(sales, "CREATE TABLE s (id INTEGER)");
        assertThat(a.ownership.holds(LifecycleFixture.bucket(), "sales")).isTrue();

        a.clock.advance(IDLE_TIMEOUT.plusSeconds(1));
        a.lifecycle.closeIdle();

        assertThat(a.storedTables("sales")).hasValue(List.of("s"));
        assertThat(a.ownership.holds(LifecycleFixture.bucket(), "sales")).isFalse();
        assertThat(b.lifecycle.acquire(b.stored("sales"), CancellationSignal.none())).isNotNull();
    }

    @Test
    void shutdownGivesEveryLeaseUpAfterTheFinalSync() {
        DatabaseDescriptor sales = a.stored("sales");
        a.write(sales, "CREATE TABLE s (id INTEGER)");

        a.lifecycle.closeAll(Duration.ZERO);

        assertThat(a.storedTables("sales")).hasValue(List.of("s"));
        assertThat(a.ownership.holds(LifecycleFixture.bucket(), "sales")).isFalse();
    }

    @Test
    void aDatabaseThatCouldNotBeSyncedKeepsItsLease() {
        DatabaseDescriptor sales = a.stored("sales");
        a.write(sales, "CREATE TABLE s (id INTEGER)");
        a.storage.setAvailable(false);

        a.lifecycle.closeAll(Duration.ZERO);

        assertThat(a.ownership.holds(LifecycleFixture.bucket(), "sales")).isTrue();
    }

    @Test
    void aLostLeaseCancelsTheCallsAndClosesTheDatabaseWithoutWritingItBack() {
        DatabaseDescriptor sales = a.stored("sales", "CREATE TABLE kept (id INTEGER)");
        CancellationSignal running = CancellationSignal.none();
        Lease call = a.lifecycle.acquire(sales, running);
        LifecycleFixture.write(call, "CREATE TABLE unsynced (id INTEGER)");

        CompletableFuture<Void> loss = CompletableFuture.runAsync(a.ownership::loseAll);
        await().until(running::isCancelled);
        call.close();
        loss.join();

        assertThat(a.lifecycle.isOpen(TENANT, sales.name())).isFalse();
        assertThat(a.storedTables("sales")).hasValue(List.of("kept"));
        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> a.lifecycle.acquire(sales, CancellationSignal.none()));
        assertThat(e.getMessage()).isEqualTo("UNAVAILABLE: database 'sales' is changing owner (its previous instance"
                + " stopped holding it); retry in a few seconds");
    }

    @Test
    void aLeftoverWorkingCopyOfADatabaseAnotherInstanceServesIsKeptNotUploaded() {
        b.lifecycle.acquire(b.stored("sales"), CancellationSignal.none()).close();
        a.stored("sales", "CREATE TABLE stored (id INTEGER)");
        Path leftover = a.leaveWorkingCopy("sales", "CREATE TABLE crashed (id INTEGER)");

        a.lifecycle.recoverLeftovers();

        assertThat(a.storedTables("sales")).hasValue(List.of("stored"));
        assertThat(leftover.resolve("sales.duckdb")).exists();
    }
}
