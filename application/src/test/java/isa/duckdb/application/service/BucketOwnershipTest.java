package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.TenantId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Buckets two tenants' names map to are kept apart by the {@code .owner} object. */
class BucketOwnershipTest {
    /** {@code a_b} and {@code a-b} both get the database bucket {@code user-a-b-duckdb}. */
    private static final TenantId UNDERSCORE = TenantId.of("a_b");
    private static final TenantId DASH = TenantId.of("a-b");
    private static final String SHARED = "user-a-b-duckdb";

    private final InMemoryObjectStorage storage = new InMemoryObjectStorage();
    private final BucketOwnership ownership = new BucketOwnership(storage);

    @Test
    void theTwoTenantsReallyMapToOneBucket() {
        assertThat(UNDERSCORE.databaseBucket()).isEqualTo(SHARED).isEqualTo(DASH.databaseBucket());
    }

    @Test
    void theFirstClaimCreatesTheBucketAndRecordsTheOwner() {
        ownership.claim(SHARED, UNDERSCORE);

        assertThat(storage.get(SHARED, ".owner")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("a_b");
    }

    @Test
    void theOwnerMayClaimAndCheckAgain() {
        ownership.claim(SHARED, UNDERSCORE);

        ownership.claim(SHARED, UNDERSCORE);
        ownership.check(SHARED, UNDERSCORE);

        assertThat(storage.list(SHARED, "")).extracting(o -> o.key()).containsExactly(".owner");
    }

    @Test
    void anotherTenantsClaimIsRefusedAndTheOwnerStays() {
        ownership.claim(SHARED, UNDERSCORE);

        String message = failureOf(() -> ownership.claim(SHARED, DASH), ErrorKind.FAILED_PRECONDITION).getMessage();

        assertThat(message).contains(SHARED, "another tenant");
        assertThat(storage.get(SHARED, ".owner")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("a_b");
    }

    @Test
    void anotherTenantsUseIsRefused() {
        ownership.claim(SHARED, UNDERSCORE);

        failureOf(() -> ownership.check(SHARED, DASH), ErrorKind.FAILED_PRECONDITION);
    }

    @Test
    void ownershipIsReadFromStorageByAFreshInstance() {
        ownership.claim(SHARED, UNDERSCORE);
        BucketOwnership afterRestart = new BucketOwnership(storage);

        failureOf(() -> afterRestart.check(SHARED, DASH), ErrorKind.FAILED_PRECONDITION);
        afterRestart.check(SHARED, UNDERSCORE);
    }

    @Test
    void aBucketNobodyClaimedPassesTheCheckAndIsNotCreated() {
        ownership.check("user-a-b-exports", DASH);

        assertThat(storage.stat("user-a-b-exports", ".owner")).isEmpty();
        failureOf(() -> storage.put("user-a-b-exports", "probe", new byte[1]), ErrorKind.NOT_FOUND);
    }

    @Test
    void anOwnerlessBucketHoldingObjectsIsAdoptedByTheFirstTenantThatUsesIt() {
        storage.ensureBucket(SHARED);
        storage.put(SHARED, "legacy.duckdb", new byte[1]);

        assertThat(ownership.mayUse(SHARED, DASH)).isTrue();

        assertThat(storage.get(SHARED, ".owner")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("a-b");
        assertThat(ownership.mayUse(SHARED, UNDERSCORE)).isFalse();
    }

    @Test
    void theOwnerIsComparedByItsExactId() {
        ownership.claim(SHARED, UNDERSCORE);

        assertThat(ownership.mayUse(SHARED, TenantId.of("A_B"))).isFalse();
        assertThat(ownership.mayUse(SHARED, TenantId.of("a_b "))).isFalse();
        assertThat(new BucketOwnership(storage).mayUse(SHARED, UNDERSCORE)).isTrue();
    }

    @Test
    void aStorageOutageIsReportedAsUnavailable() {
        storage.setAvailable(false);

        failureOf(() -> ownership.claim(SHARED, UNDERSCORE), ErrorKind.UNAVAILABLE);
    }
}
