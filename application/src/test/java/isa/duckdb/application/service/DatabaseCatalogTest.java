package isa.duckdb.application.service;

import isa.duckdb.application.testing.ManualClock;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which databases a tenant has, as storage holds them (a file and a descriptor each). */
class DatabaseCatalogTest {
    private static final TenantId LENA = TenantId.of("lena");
    private static final String BUCKET = "user-lena-duckdb";
    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final ManualClock clock = new ManualClock(ServicesFixture.START);
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
    private final DatabaseCatalog catalog = newCatalog();

    private DatabaseCatalog newCatalog() {
        return new DatabaseCatalog(storage, new BucketOwnership(storage), clock);
    }

    /** What DatabaseService.create leaves in storage: the bucket claimed, a file, a descriptor. */
    private DatabaseDescriptor stored(String name) {
        catalog.claimBucket(LENA);
        DatabaseDescriptor descriptor = catalog.newDescriptor(LENA, DatabaseName.of(name), "org-acme",
                Map.of("team", "sales"), DatabaseSettings.DEFAULTS);
        storage.put(BUCKET, name + ".duckdb", new byte[] {1, 2, 3});
        catalog.register(descriptor);
        return descriptor;
    }

    @Test
    void aNewDescriptorHasAFreshIdAndTheClocksTime() {
        DatabaseDescriptor first = catalog.newDescriptor(LENA, DatabaseName.of("a"), "", Map.of(), DatabaseSettings.DEFAULTS);
        DatabaseDescriptor second = catalog.newDescriptor(LENA, DatabaseName.of("b"), "", Map.of(), DatabaseSettings.DEFAULTS);

        assertThat(first.id()).matches(UUID_SHAPE).isNotEqualTo(second.id());
        assertThat(first.createdAt()).isEqualTo(ServicesFixture.START).isEqualTo(first.lastAccessed());
    }

    @Test
    void registeringStoresTheDescriptorUnderMeta() {
        DatabaseDescriptor sales = stored("sales");

        byte[] bytes = storage.get(BUCKET, ".meta/sales.properties").orElseThrow();
        assertThat(DescriptorCodec.decode(bytes, LENA)).isEqualTo(sales);
    }

    @Test
    void aDatabaseIsFoundByNameAndById() {
        DatabaseDescriptor sales = stored("sales");

        assertThat(catalog.resolve(LENA, "sales")).isEqualTo(sales);
        assertThat(catalog.resolve(LENA, sales.id())).isEqualTo(sales);
    }

    @Test
    void aDatabaseSeenOnceIsFoundByIdWithoutAskingStorageAgain() {
        DatabaseDescriptor sales = stored("sales");
        DatabaseCatalog afterRestart = newCatalog();
        afterRestart.resolve(LENA, sales.id());
        storage.setAvailable(false);

        assertThat(afterRestart.resolve(LENA, sales.id())).isEqualTo(sales);
        assertThat(afterRestart.resolve(LENA, "sales")).isEqualTo(sales);
    }

    @Test
    void aRemovedDatabaseIsNoLongerFoundByItsId() {
        DatabaseDescriptor sales = stored("sales");
        catalog.resolve(LENA, sales.id());

        catalog.remove(LENA, DatabaseName.of("sales"));

        failureOf(() -> catalog.resolve(LENA, sales.id()), ErrorKind.NOT_FOUND);
    }

    @Test
    void anIdIsNotFoundForAnotherTenantEvenWhenCached() {
        DatabaseDescriptor sales = stored("sales");
        catalog.resolve(LENA, sales.id());

        failureOf(() -> catalog.resolve(TenantId.of("mia"), sales.id()), ErrorKind.NOT_FOUND);
    }

    @Test
    void anAfterRestartCatalogFindsDatabasesInStorageByNameAndById() {
        DatabaseDescriptor sales = stored("sales");
        DatabaseCatalog afterRestart = newCatalog();

        assertThat(afterRestart.resolve(LENA, sales.id())).isEqualTo(sales);
        assertThat(newCatalog().resolve(LENA, "sales")).isEqualTo(sales);
    }

    @Test
    void allListsDatabaseFilesSortedByNameAndNothingElse() {
        stored("zeta");
        stored("alpha");
        storage.put(BUCKET, "backups/alpha-20240301T120000.000Z.duckdb", new byte[1]);
        storage.put(BUCKET, "notes.csv", new byte[1]);
        storage.put(BUCKET, "nested/beta.duckdb", new byte[1]);

        assertThat(newCatalog().all(LENA)).extracting(d -> d.name().value()).containsExactly("alpha", "zeta");
    }

    @Test
    void anotherTenantSeesNoneOfTheDatabases() {
        stored("sales");

        assertThat(catalog.all(TenantId.of("mia"))).isEmpty();
        failureOf(() -> catalog.resolve(TenantId.of("mia"), "sales"), ErrorKind.NOT_FOUND);
    }

    @Test
    void aDatabaseFileWithoutDescriptorIsAdoptedOnceWithItsUploadTime() {
        storage.ensureBucket(BUCKET);
        storage.put(BUCKET, "from_go.duckdb", new byte[8]);
        clock.advance(Duration.ofHours(1));

        DatabaseDescriptor adopted = catalog.resolve(LENA, "from_go");

        assertThat(adopted.id()).matches(UUID_SHAPE);
        assertThat(adopted.createdAt()).isEqualTo(ServicesFixture.START);
        assertThat(adopted.tableCount()).isZero();
        assertThat(storage.stat(BUCKET, ".meta/from_go.properties")).isPresent();
        assertThat(newCatalog().resolve(LENA, "from_go").id()).isEqualTo(adopted.id());
    }

    @Test
    void anUnknownNameOrIdIsNotFound() {
        stored("sales");

        String message = failureOf(() -> catalog.resolve(LENA, "nope"), ErrorKind.NOT_FOUND).getMessage();
        failureOf(() -> catalog.resolve(LENA, "00000000-0000-0000-0000-000000000000"), ErrorKind.NOT_FOUND);

        assertThat(message).contains("'nope'", "'lena'");
    }

    @Test
    void aReferenceThatIsNeitherANameNorAnIdIsInvalid() {
        failureOf(() -> catalog.resolve(LENA, "../etc"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> catalog.resolve(LENA, " "), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> catalog.resolve(LENA, null), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void requireAbsentRefusesATakenName() {
        stored("sales");

        failureOf(() -> catalog.requireAbsent(LENA, DatabaseName.of("sales")), ErrorKind.ALREADY_EXISTS);
        catalog.requireAbsent(LENA, DatabaseName.of("other"));
    }

    @Test
    void aBucketClaimedByAnotherTenantIsRefusedForEveryLookup() {
        TenantId twin = TenantId.of("lena_");
        TenantId dash = TenantId.of("lena-");
        assertThat(twin.databaseBucket()).isEqualTo(dash.databaseBucket());
        catalog.claimBucket(twin);

        failureOf(() -> catalog.claimBucket(dash), ErrorKind.FAILED_PRECONDITION);
        failureOf(() -> catalog.all(dash), ErrorKind.FAILED_PRECONDITION);
        assertThat(catalog.find(dash, DatabaseName.of("sales"))).isEmpty();
        failureOf(() -> catalog.resolve(dash, "sales"), ErrorKind.NOT_FOUND);
    }

    @Test
    void aDatabaseKnownToThisInstanceIsNotHandedToAnotherTenantSharingItsBucketName() {
        TenantId underscore = TenantId.of("a_b");
        TenantId dash = TenantId.of("a-b");
        catalog.claimBucket(underscore);
        DatabaseDescriptor owned = catalog.newDescriptor(underscore, DatabaseName.of("sales"), "", Map.of(),
                DatabaseSettings.DEFAULTS);
        storage.put(underscore.databaseBucket(), "sales.duckdb", new byte[1]);
        catalog.register(owned);

        failureOf(() -> catalog.resolve(dash, "sales"), ErrorKind.NOT_FOUND);
        failureOf(() -> catalog.resolve(dash, owned.id()), ErrorKind.NOT_FOUND);
        assertThat(catalog.find(dash, DatabaseName.of("sales"))).isEmpty();
        assertThat(catalog.resolve(underscore, "sales")).isEqualTo(owned);
    }

    /** Ownerless (Go-era) buckets and a claim race can leave one tenant's database in another's bucket. */
    @Test
    void aDatabaseWrittenForAnotherExactTenantIdIsNotFoundButNotOverwrittenEither() {
        TenantId writer = TenantId.of("a_b");
        TenantId owner = TenantId.of("a-b");
        catalog.claimBucket(owner);
        storage.put(owner.databaseBucket(), "sales.duckdb", new byte[1]);
        storage.put(owner.databaseBucket(), ".meta/sales.properties", DescriptorCodec.encode(catalog.newDescriptor(
                writer, DatabaseName.of("sales"), "", Map.of(), DatabaseSettings.DEFAULTS)));

        failureOf(() -> catalog.resolve(owner, "sales"), ErrorKind.NOT_FOUND);
        assertThat(catalog.all(owner)).isEmpty();
        failureOf(() -> catalog.requireAbsent(owner, DatabaseName.of("sales")), ErrorKind.ALREADY_EXISTS);
    }

    @Test
    void removeDeletesFileAndDescriptor() {
        stored("sales");

        catalog.remove(LENA, DatabaseName.of("sales"));

        assertThat(storage.list(BUCKET, "")).extracting(StoredObject::key).containsExactly(".owner");
        assertThat(catalog.find(LENA, DatabaseName.of("sales"))).isEmpty();
    }

    @Test
    void aSyncThatMovedAccessTimeOrTablesUpdatesTheStoredDescriptor() {
        DatabaseDescriptor sales = stored("sales");
        Instant later = ServicesFixture.START.plusSeconds(90);

        catalog.recordSync(sales, later, 3);

        DatabaseDescriptor reread = newCatalog().resolve(LENA, "sales");
        assertThat(reread.lastAccessed()).isEqualTo(later);
        assertThat(reread.tableCount()).isEqualTo(3);
        assertThat(reread.createdAt()).isEqualTo(sales.createdAt());
    }

    @Test
    void aSyncThatMovedNothingLeavesTheDescriptorObjectAlone() {
        DatabaseDescriptor sales = stored("sales");
        Instant written = storage.stat(BUCKET, ".meta/sales.properties").orElseThrow().lastModified();
        clock.advance(Duration.ofMinutes(1));

        catalog.recordSync(sales, ServicesFixture.START.minusSeconds(5), 0);

        assertThat(storage.stat(BUCKET, ".meta/sales.properties").orElseThrow().lastModified()).isEqualTo(written);
        assertThat(newCatalog().resolve(LENA, "sales").lastAccessed()).isEqualTo(ServicesFixture.START);
    }

    @Test
    void theCurrentViewTakesTheLaterOfStoredAndOpenAccessTimes() {
        DatabaseDescriptor sales = stored("sales");
        Instant later = ServicesFixture.START.plusSeconds(30);

        assertThat(catalog.current(sales, Optional.of(later)).lastAccessed()).isEqualTo(later);
        assertThat(catalog.current(sales, Optional.of(ServicesFixture.START.minusSeconds(30)))).isEqualTo(sales);
        assertThat(catalog.current(sales, Optional.empty())).isEqualTo(sales);
    }

    @Test
    void aStorageOutageReachesTheCallerAsUnavailable() {
        storage.setAvailable(false);

        failureOf(() -> catalog.resolve(LENA, "sales"), ErrorKind.UNAVAILABLE);
    }
}
