package isa.duckdb.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the lifecycle relies on from {@link DatabaseOwnership}. Every implementation (fake or real adapter)
 * extends this class; {@link #instance} makes instances that share one coordinator, with none of the
 * databases used here held.
 */
public abstract class DatabaseOwnershipContract {

    /** A new instance named {@code instanceId}, reachable at {@code address}, on the shared coordinator. */
    protected abstract DatabaseOwnership instance(String instanceId, String address);

    /** Ends the instance's hold as the coordinator does when it stops hearing from it (Consul: session invalidated). */
    protected abstract void loseSession(DatabaseOwnership instance);

    /** Lets the coordinator's lock-delay for lost leases pass. */
    protected abstract void waitOutLockDelay();

    /** Whether the coordinator holds a lost lease's database back from everyone for a while (Consul's lock-delay). */
    protected boolean holdsLostLeasesBack() {
        return true;
    }

    @Test
    void theFirstInstanceGetsTheLeaseAndAnotherLearnsWhoHoldsIt() {
        DatabaseOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        DatabaseOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");

        OwnershipClaim first = a.acquire("user-t-duckdb", "sales");
        OwnershipClaim second = b.acquire("user-t-duckdb", "sales");

        assertThat(first.isGranted()).isTrue();
        OwnershipLease lease = first.lease().orElseThrow();
        assertThat(lease.owner()).isEqualTo(new DatabaseOwner("duckdb-service-a", "10.0.0.1:50052"));
        assertThat(lease.bucket()).isEqualTo("user-t-duckdb");
        assertThat(lease.databaseName()).isEqualTo("sales");
        assertThat(second.isGranted()).isFalse();
        assertThat(second.heldBy()).hasValue(new DatabaseOwner("duckdb-service-a", "10.0.0.1:50052"));
    }

    @Test
    void theHolderAcquiringAgainGetsTheSameGeneration() {
        DatabaseOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");

        long first = a.acquire("user-t-duckdb", "sales").lease().orElseThrow().generation();
        long again = a.acquire("user-t-duckdb", "sales").lease().orElseThrow().generation();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aReleasedDatabaseIsTakenByAnotherAtOnceWithAHigherGeneration() {
        DatabaseOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        DatabaseOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        a.release(lease);
        a.release(lease);
        OwnershipClaim taken = b.acquire("user-t-duckdb", "sales");

        assertThat(taken.isGranted()).isTrue();
        assertThat(taken.lease().orElseThrow().generation()).isGreaterThan(lease.generation());
        assertThat(a.acquire("user-t-duckdb", "sales").heldBy()).hasValue(b.self());
    }

    @Test
    void holderNamesWhoServesTheDatabaseNowWithoutTakingIt() {
        DatabaseOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        DatabaseOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");

        assertThat(b.holder("user-t-duckdb", "sales")).as("nobody holds it yet").isEmpty();
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        assertThat(b.holder("user-t-duckdb", "sales")).hasValue(a.self());
        assertThat(a.holder("user-t-duckdb", "sales")).hasValue(a.self());
        assertThat(b.holder("user-t-duckdb", "stock")).isEmpty();

        a.release(lease);

        assertThat(b.holder("user-t-duckdb", "sales")).as("released").isEmpty();
        assertThat(b.acquire("user-t-duckdb", "sales").isGranted()).isTrue();
        assertThat(a.holder("user-t-duckdb", "sales")).hasValue(b.self());
    }

    @Test
    void databasesAreOwnedOneByOne() {
        DatabaseOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        DatabaseOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");

        assertThat(a.acquire("user-t-duckdb", "sales").isGranted()).isTrue();
        assertThat(b.acquire("user-t-duckdb", "stock").isGranted()).isTrue();
        assertThat(b.acquire("user-u-duckdb", "sales").isGranted()).isTrue();
    }

    @Test
    void aLostLeaseIsToldAndTheDatabaseGoesToAnotherAfterTheLockDelay() {
        DatabaseOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        DatabaseOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");
        List<OwnershipLease> lost = new CopyOnWriteArrayList<>();
        a.onLost(lost::add);
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        loseSession(a);

        assertThat(lost).containsExactly(lease);
        if (holdsLostLeasesBack()) {
            OwnershipClaim during = b.acquire("user-t-duckdb", "sales");
            assertThat(during.isGranted()).isFalse();
            assertThat(during.heldBy()).as("nobody holds it during the lock-delay").isEmpty();
        }
        waitOutLockDelay();
        OwnershipClaim after = b.acquire("user-t-duckdb", "sales");
        assertThat(after.isGranted()).isTrue();
        assertThat(after.lease().orElseThrow().generation()).isGreaterThan(lease.generation());
    }

    @Test
    void anInstanceThatLostItsLeasesCanTakeOthersAgain() {
        DatabaseOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        a.acquire("user-t-duckdb", "sales");

        loseSession(a);

        assertThat(a.acquire("user-t-duckdb", "stock").isGranted()).isTrue();
    }
}
