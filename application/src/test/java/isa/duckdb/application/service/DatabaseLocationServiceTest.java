package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.ServingInstance;
import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.InMemoryDatabaseOwnership;
import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a call on a database is served: here, or at the instance holding its lease (issue 13, forwarding). */
class DatabaseLocationServiceTest {
    private static final TenantId LENA = TenantId.of("lena");
    private static final String BUCKET = "user-lena-duckdb";
    private static final DatabaseOwner A = new DatabaseOwner("duckdb-service-a", "10.0.0.1:50052");
    private static final DatabaseOwner B = new DatabaseOwner("duckdb-service-b", "10.0.0.2:50052");

    private final ManualClock clock = new ManualClock(ServicesFixture.START);
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
    private final DatabaseCatalog catalog = new DatabaseCatalog(storage, new BucketOwnership(storage), clock);
    private final InMemoryDatabaseOwnership.Coordinator coordinator = new InMemoryDatabaseOwnership.Coordinator();
    private final InMemoryDatabaseOwnership onA = coordinator.instance(A);
    private final InMemoryDatabaseOwnership onB = coordinator.instance(B);
    private final DatabaseLocationService locator = new DatabaseLocationService(onA, catalog, clock);

    @Test
    void aDatabaseAnotherInstanceHoldsIsServedThereNamedByItsNameOrItsId() {
        DatabaseDescriptor sales = stored("sales");
        onB.acquire(BUCKET, "sales");

        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "sales"))
                .hasValue(new ServingInstance("duckdb-service-b", "10.0.0.2:50052"));
        assertThat(locator.servedElsewhere(Caller.trusted(LENA), sales.id()))
                .hasValue(new ServingInstance("duckdb-service-b", "10.0.0.2:50052"));
    }

    @Test
    void aDatabaseThisInstanceHoldsOrNobodyHoldsIsServedHereAndLookingDoesNotTakeIt() {
        stored("sales");
        stored("stock");
        onA.acquire(BUCKET, "sales");

        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "sales")).isEmpty();
        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "stock")).isEmpty();
        assertThat(onB.acquire(BUCKET, "stock").isGranted()).as("the lookup took no lease").isTrue();
    }

    @Test
    void aCallerWhoMayNotActAsTheTenantLearnsNothingAndIsServedHere() {
        stored("sales");
        onB.acquire(BUCKET, "sales");

        Caller stranger = new Caller(Principal.apiKey("reports", List.of("other")), "lena");

        assertThat(locator.servedElsewhere(stranger, "sales")).isEmpty();
    }

    @Test
    void anUnknownIdOrAnInvalidReferenceIsServedHereWhereItFailsAsAlways() {
        onB.acquire(BUCKET, "sales");

        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "0b9d8f4e-2c1a-4b7e-9f3d-5a6c7e8f9a0b")).isEmpty();
        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "no/such name")).isEmpty();
        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "")).isEmpty();
    }

    @Test
    void anOwnerElsewhereIsRememberedForASecondThenAskedAgain() {
        stored("sales");
        OwnershipLease lease = onB.acquire(BUCKET, "sales").lease().orElseThrow();
        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "sales")).isPresent();

        onB.release(lease);
        onA.acquire(BUCKET, "sales");

        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "sales")).as("remembered")
                .hasValue(new ServingInstance("duckdb-service-b", "10.0.0.2:50052"));
        clock.advance(DatabaseLocationService.REMEMBER_OWNER);
        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "sales")).as("asked again").isEmpty();
    }

    @Test
    void anOwnerThatCouldNotBeReachedIsAskedAgainAtOnce() {
        stored("sales");
        OwnershipLease lease = onB.acquire(BUCKET, "sales").lease().orElseThrow();
        ServingInstance b = locator.servedElsewhere(Caller.trusted(LENA), "sales").orElseThrow();
        onB.release(lease);

        locator.unreachable(b);

        assertThat(locator.servedElsewhere(Caller.trusted(LENA), "sales")).isEmpty();
    }

    @Test
    void theInstanceIdIsThisInstancesOwnerId() {
        assertThat(locator.instanceId()).isEqualTo("duckdb-service-a");
    }

    private DatabaseDescriptor stored(String name) {
        catalog.claimBucket(LENA);
        DatabaseDescriptor descriptor = catalog.newDescriptor(LENA, DatabaseName.of(name), "", Map.of(),
                DatabaseSettings.DEFAULTS);
        storage.put(BUCKET, name + ".duckdb", new byte[] {1, 2, 3});
        catalog.register(descriptor);
        return descriptor;
    }
}
