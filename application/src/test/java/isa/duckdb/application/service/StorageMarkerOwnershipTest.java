package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.DatabaseOwnershipContract;
import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.application.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Ownership through serving markers in storage, held to the ownership contract, with a clock the test moves. */
class StorageMarkerOwnershipTest extends DatabaseOwnershipContract {
    private final ManualClock clock = new ManualClock();
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);

    StorageMarkerOwnershipTest() {
        storage.ensureBucket("user-t-duckdb");
        storage.ensureBucket("user-u-duckdb");
    }

    @Override
    protected StorageMarkerOwnership instance(String instanceId, String address) {
        return new StorageMarkerOwnership(storage, new DatabaseOwner(instanceId, address), clock);
    }

    /** Storage unreachable for this instance from its last refresh until STALE_AFTER later (a partition). */
    @Override
    protected void loseSession(DatabaseOwnership instance) {
        storage.setAvailable(false);
        clock.advance(StorageMarkerOwnership.STALE_AFTER);
        ((StorageMarkerOwnership) instance).heartbeat();
        storage.setAvailable(true);
    }

    @Override
    protected void waitOutLockDelay() {
        // a marker is takeable as soon as it is stale
    }

    @Override
    protected boolean holdsLostLeasesBack() {
        return false;
    }

    @Test
    void theMarkerNamesTheInstanceItsAddressAndAHeartbeat() {
        instance("duckdb-service-a", "10.0.0.1:50052").acquire("user-t-duckdb", "sales");

        String marker = new String(storage.get("user-t-duckdb", ".serving/sales").orElseThrow(), StandardCharsets.UTF_8);

        assertThat(marker).isEqualTo("instance_id=duckdb-service-a\naddress=10.0.0.1:50052\ngeneration=1\nheartbeat="
                + clock.instant() + "\n");
    }

    @Test
    void aHeartbeatingOwnerKeepsItsDatabasesForAsLongAsItRuns() {
        StorageMarkerOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        StorageMarkerOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");
        a.acquire("user-t-duckdb", "sales");

        for (int i = 0; i < 10; i++) {
            clock.advance(StorageMarkerOwnership.HEARTBEAT_EVERY);
            a.heartbeat();
            assertThat(b.acquire("user-t-duckdb", "sales").heldBy()).hasValue(a.self());
        }
    }

    @Test
    void theMarkerOfAnInstanceThatStoppedHeartbeatingIsTakenOverAndItLearnsItLostTheDatabase() {
        StorageMarkerOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        StorageMarkerOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");
        List<OwnershipLease> lost = new CopyOnWriteArrayList<>();
        a.onLost(lost::add);
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        clock.advance(StorageMarkerOwnership.STALE_AFTER.minusSeconds(1));
        assertThat(b.acquire("user-t-duckdb", "sales").isGranted()).as("fresh: refused").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.acquire("user-t-duckdb", "sales").isGranted()).as("stale: taken over").isTrue();
        a.heartbeat();

        assertThat(lost).containsExactly(lease);
    }

    @Test
    void anOwnerThatCouldNotRefreshForLongerThanStaleAfterKeepsItsDatabaseWhenNobodyTookItOver() {
        StorageMarkerOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        StorageMarkerOwnership b = instance("duckdb-service-b", "10.0.0.2:50052");
        List<OwnershipLease> lost = new CopyOnWriteArrayList<>();
        a.onLost(lost::add);
        a.acquire("user-t-duckdb", "sales");

        storage.setAvailable(false);
        clock.advance(StorageMarkerOwnership.HEARTBEAT_EVERY);
        a.heartbeat();
        clock.advance(StorageMarkerOwnership.STALE_AFTER);
        storage.setAvailable(true);
        a.heartbeat();

        assertThat(lost).as("an outage for everyone takes nothing away").isEmpty();
        assertThat(b.acquire("user-t-duckdb", "sales").heldBy()).hasValue(a.self());
    }

    @Test
    void anOwnerThatCouldNotRefreshForStaleAfterAndStillCannotLosesItsDatabase() {
        StorageMarkerOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        List<OwnershipLease> lost = new CopyOnWriteArrayList<>();
        a.onLost(lost::add);
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        storage.setAvailable(false);
        clock.advance(StorageMarkerOwnership.STALE_AFTER.minusSeconds(1));
        a.heartbeat();
        assertThat(lost).as("not overdue yet").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        a.heartbeat();

        assertThat(lost).containsExactly(lease);
    }

    @Test
    void theSameInstanceRestartedTakesItsOwnMarkerBackAtOnce() {
        instance("duckdb-service-a", "10.0.0.1:50052").acquire("user-t-duckdb", "sales");

        StorageMarkerOwnership restarted = instance("duckdb-service-a", "10.0.0.1:50052");

        assertThat(restarted.acquire("user-t-duckdb", "sales").isGranted()).isTrue();
    }

    @Test
    void aMarkerThatCannotBeReadBlocksNothing() {
        storage.put("user-t-duckdb", ".serving/sales", "garbage \u0000".getBytes(StandardCharsets.UTF_8));

        assertThat(instance("duckdb-service-a", "10.0.0.1:50052").acquire("user-t-duckdb", "sales").isGranted())
                .isTrue();
    }

    @Test
    void aReleasedMarkerLetsAnotherInstanceInAtOnce() {
        StorageMarkerOwnership a = instance("duckdb-service-a", "10.0.0.1:50052");
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        a.release(lease);

        String marker = new String(storage.get("user-t-duckdb", ".serving/sales").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(marker).endsWith("heartbeat=1970-01-01T00:00:00Z\n");
        assertThat(instance("duckdb-service-b", "10.0.0.2:50052").acquire("user-t-duckdb", "sales").isGranted()).isTrue();
    }
}
