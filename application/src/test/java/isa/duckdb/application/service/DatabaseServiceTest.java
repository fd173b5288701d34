package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServiceHarness.LENAS_BUCKET;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.in.DatabasePage;
import isa.duckdb.application.port.in.DatabaseView;
import isa.duckdb.application.port.in.DeleteDatabaseCommand;
import isa.duckdb.application.port.in.ListDatabasesQuery;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CreateDatabase, ListDatabases, GetDatabase and DeleteDatabase over the in-memory storage and the fake engine. */
class DatabaseServiceTest {
    @TempDir
    Path work;
    private ServiceHarness harness;
    private DatabaseService databases;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(new InMemoryQueryEngine(), work);
        databases = harness.databases();
    }

    private static CreateDatabaseCommand command(String name) {
        return new CreateDatabaseCommand(Caller.trusted(LENA), name, "", "", Map.of(), Map.of());
    }

    private DatabasePage list(String filter, String organization, int page, int pageSize) {
        return databases.list(new ListDatabasesQuery(Caller.trusted(LENA), organization, filter, page, pageSize));
    }

    /** A database file another instance (or the Go service) left in the bucket. */
    private void storedFile(String name) {
        harness.storage.ensureBucket(LENAS_BUCKET);
        harness.storage.put(LENAS_BUCKET, name + ".duckdb", new byte[] {1, 2, 3, 4});
    }

    private List<String> keys() {
        return harness.storage.list(LENAS_BUCKET, "").stream().map(StoredObject::key).toList();
    }

    @Test
    void createStoresTheFileAndItsDescriptorInTheTenantsBucket() {
        DatabaseView created = databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "sales", "org-acme", "",
                Map.of("team", "north"), Map.of("threads", "2", "memory_limit", "512MB")));

        assertThat(keys()).containsExactly(".generation/sales", ".meta/sales.properties", ".owner", "sales.duckdb");
        assertThat(created.bucket()).isEqualTo(LENAS_BUCKET);
        assertThat(created.objectKey()).isEqualTo("sales.duckdb");
        assertThat(created.engineVersion()).isEqualTo(harness.engine.version());
        assertThat(created.descriptor().createdAt()).isEqualTo(ServicesFixture.START);
        DatabaseDescriptor stored = DescriptorCodec.decode(
                harness.storage.get(LENAS_BUCKET, ".meta/sales.properties").orElseThrow(), LENA);
        assertThat(stored.id()).isEqualTo(created.descriptor().id());
        assertThat(stored.organizationId()).isEqualTo("org-acme");
        assertThat(stored.metadata()).containsEntry("team", "north");
        assertThat(stored.settings()).isEqualTo(new DatabaseSettings(Optional.of(2), Optional.of("512MB")));
    }

    @Test
    void aNameTakenAlreadyIsRefused() {
        databases.create(command("sales"));

        String message = failureOf(() -> databases.create(command("sales")), ErrorKind.ALREADY_EXISTS).getMessage();

        assertThat(message).contains("'sales'");
    }

    @Test
    void namesThatCannotBeKeysAreInvalidAndNothingIsStored() {
        for (String bad : new String[] {"", "../up", ".hidden", "a/b", "-dash", "x".repeat(129)}) {
            failureOf(() -> databases.create(command(bad)), ErrorKind.INVALID_ARGUMENT);
        }

        assertThat(keys()).isEmpty();
    }

    @Test
    void aRequestedBucketIsNeverRefusedAndKeptAsALabelWhileTheDatabaseLivesInTheTenantsBucket() {
        DatabaseView created = databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "sales", "", "duckdb-data",
                Map.of("team", "north"), Map.of()));

        assertThat(created.bucket()).isEqualTo(LENAS_BUCKET);
        assertThat(keys()).contains("sales.duckdb");
        assertThat(created.descriptor().metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("team", "north", DatabaseService.BUCKET_LABEL, "duckdb-data"));
        DatabaseDescriptor stored = DescriptorCodec.decode(
                harness.storage.get(LENAS_BUCKET, ".meta/sales.properties").orElseThrow(), LENA);
        assertThat(stored.metadata()).containsEntry(DatabaseService.BUCKET_LABEL, "duckdb-data");
        assertThat(databases.describe(Caller.trusted(LENA), "sales").descriptor().metadata())
                .containsEntry(DatabaseService.BUCKET_LABEL, "duckdb-data");
    }

    @Test
    void anOddRequestedBucketIsKeptAsGivenUpToTheMetadataLimitAndPlacesNothingElsewhere() {
        String odd = "../user-bob-duckdb/ Ünïcode 😀\n;DROP";
        DatabaseView created = databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "odd", "", odd, Map.of(), Map.of()));
        DatabaseView longer = databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "longer", "", "b".repeat(3000),
                Map.of(), Map.of()));

        assertThat(created.bucket()).isEqualTo(LENAS_BUCKET);
        assertThat(created.descriptor().metadata()).containsExactly(Map.entry(DatabaseService.BUCKET_LABEL, odd));
        assertThat(longer.descriptor().metadata().get(DatabaseService.BUCKET_LABEL)).isEqualTo("b".repeat(1024));
        assertThat(harness.storage.list("user-bob-duckdb", "")).isEmpty();
        assertThat(keys()).contains("odd.duckdb", "longer.duckdb");
    }

    @Test
    void theCallersOwnMetadataUnderTheLabelKeyWinsAndAnEmptyBucketAddsNoLabel() {
        DatabaseView own = databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "own", "", "duckdb-data",
                Map.of(DatabaseService.BUCKET_LABEL, "mine"), Map.of()));
        DatabaseView none = databases.create(command("none"));

        assertThat(own.descriptor().metadata()).containsExactly(Map.entry(DatabaseService.BUCKET_LABEL, "mine"));
        assertThat(none.descriptor().metadata()).isEmpty();
    }

    @Test
    void aConfiguredTimeZoneIsStoredAsTheEngineSpellsItAndTheDatabaseOpensInIt() {
        InMemoryQueryEngine engine = (InMemoryQueryEngine) harness.engine;
        databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "tokyo", "", "", Map.of(), Map.of("timezone", "asia/tokyo")));
        databases.create(command("plain"));

        DatabaseDescriptor stored = DescriptorCodec.decode(
                harness.storage.get(LENAS_BUCKET, ".meta/tokyo.properties").orElseThrow(), LENA);
        assertThat(stored.settings().timeZone()).contains("Asia/Tokyo");
        assertThat(engine.databases()).extracting(d -> d.file().getFileName().toString(), d -> d.limits().timeZone())
                .contains(org.assertj.core.groups.Tuple.tuple("tokyo.duckdb", "Asia/Tokyo"),
                        org.assertj.core.groups.Tuple.tuple("plain.duckdb", "UTC"));
    }

    @Test
    void aTimeZoneTheEngineDoesNotKnowIsRefusedNamingTheOptionAndNothingIsCreated() {
        var failure = failureOf(() -> databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "mars", "", "", Map.of(),
                Map.of("timezone", "Mars/Olympus_Mons"))), ErrorKind.INVALID_ARGUMENT);

        assertThat(failure.getMessage()).contains("config timezone 'Mars/Olympus_Mons'");
        assertThat(keys()).isEmpty();
    }

    @Test
    void oversizedMetadataAndUnknownSettingsAreInvalid() {
        Map<String, String> tooMany = new HashMap<>();
        IntStream.range(0, 65).forEach(i -> tooMany.put("k" + i, "v"));

        failureOf(() -> databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "a", "", "", tooMany, Map.of())),
                ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "a", "", "", Map.of("k", "v".repeat(1025)),
                Map.of())), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "a", "", "", Map.of(), Map.of("access_mode",
                "read_only"))), ErrorKind.INVALID_ARGUMENT);
        assertThat(keys()).isEmpty();
    }

    @Test
    void aBucketAnotherTenantClaimedIsRefused() {
        TenantId underscore = TenantId.of("a_b");
        TenantId dash = TenantId.of("a-b");
        databases.create(new CreateDatabaseCommand(Caller.trusted(underscore), "sales", "", "", Map.of(), Map.of()));

        failureOf(() -> databases.create(new CreateDatabaseCommand(Caller.trusted(dash), "other", "", "", Map.of(), Map.of())),
                ErrorKind.FAILED_PRECONDITION);
        failureOf(() -> databases.list(new ListDatabasesQuery(Caller.trusted(dash), "", "", 0, 0)), ErrorKind.FAILED_PRECONDITION);
        assertThat(harness.storage.stat(dash.databaseBucket(), "other.duckdb")).isEmpty();
    }

    @Test
    void listFiltersByPartOfTheNameIgnoringCaseAndByOrganization() {
        databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "Sales_EU", "org-acme", "", Map.of(), Map.of()));
        databases.create(new CreateDatabaseCommand(Caller.trusted(LENA), "sales_us", "org-other", "", Map.of(), Map.of()));
        databases.create(command("hr"));

        assertThat(list("SALES", "", 0, 0).databases()).extracting(v -> v.descriptor().name().value())
                .containsExactly("Sales_EU", "sales_us");
        assertThat(list("sales", "org-acme", 0, 0).databases()).extracting(v -> v.descriptor().name().value())
                .containsExactly("Sales_EU");
        assertThat(list("", "", 0, 0).totalCount()).isEqualTo(3);
    }

    @Test
    void listPagesFromOneWithTheDefaultAndMaximumPageSizes() {
        IntStream.range(0, 1001).forEach(i -> storedFile(String.format("db%04d", i)));

        DatabasePage first = list("", "", 0, 0);
        DatabasePage capped = list("", "", 1, 5000);
        DatabasePage third = list("", "", 3, 2);

        assertThat(first.page()).isEqualTo(1);
        assertThat(first.pageSize()).isEqualTo(50);
        assertThat(first.databases()).hasSize(50);
        assertThat(first.totalCount()).isEqualTo(1001);
        assertThat(capped.pageSize()).isEqualTo(1000);
        assertThat(capped.databases()).hasSize(1000);
        assertThat(third.databases()).extracting(v -> v.descriptor().name().value()).containsExactly("db0004", "db0005");
        assertThat(list("", "", 999, 50).databases()).isEmpty();
    }

    @Test
    void aNegativePageOrPageSizeIsInvalid() {
        failureOf(() -> list("", "", -1, 0), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> list("", "", 0, -1), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void listingReadsStorageWithoutOpeningAnything() {
        storedFile("from_storage");

        DatabasePage page = list("", "", 0, 0);

        assertThat(page.databases()).singleElement().satisfies(view -> {
            assertThat(view.descriptor().name().value()).isEqualTo("from_storage");
            assertThat(view.sizeBytes()).isEqualTo(4);
            assertThat(view.objectKey()).isEqualTo("from_storage.duckdb");
        });
        assertThat(harness.lifecycle.openCount()).isZero();
    }

    @Test
    void aRestartedInstanceListsTheDatabasesItFindsInStorage() {
        DatabaseView created = databases.create(command("sales"));
        ServiceHarness restarted = harness.anotherInstance(new InMemoryQueryEngine(), work.resolve("second"));

        DatabasePage page = restarted.databases().list(new ListDatabasesQuery(Caller.trusted(LENA), "", "", 0, 0));

        assertThat(page.databases()).extracting(v -> v.descriptor().id()).containsExactly(created.descriptor().id());
    }

    @Test
    void describeFindsADatabaseByIdAndByName() {
        DatabaseView created = databases.create(command("sales"));

        DatabaseView byId = databases.describe(Caller.trusted(LENA), created.descriptor().id());
        DatabaseView byName = databases.describe(Caller.trusted(LENA), "sales");

        assertThat(byId.descriptor().id()).isEqualTo(byName.descriptor().id()).isEqualTo(created.descriptor().id());
        assertThat(byName.sizeBytes()).isPositive();
        assertThat(byName.objectKey()).isEqualTo("sales.duckdb");
    }

    @Test
    void describeCountsTablesNowAndListAsOfTheLastWriteBack() {
        databases.create(command("sales"));
        harness.queries().execute(new StatementCommand(Caller.trusted(LENA), "sales", "CREATE TABLE a (x INTEGER); "
                + "CREATE TABLE b (y INTEGER)", "", Map.of(), 0), CancellationSignal.none());

        assertThat(databases.describe(Caller.trusted(LENA), "sales").tableCount()).isEqualTo(2);
        assertThat(list("", "", 0, 0).databases().get(0).tableCount()).isZero();

        harness.lifecycle.syncChanged();

        assertThat(list("", "", 0, 0).databases().get(0).tableCount()).isEqualTo(2);
    }

    @Test
    void describeShowsTheLastAccessOfAnOpenDatabase() {
        databases.create(command("sales"));
        harness.clock.advance(Duration.ofMinutes(3));

        DatabaseView described = databases.describe(Caller.trusted(LENA), "sales");

        assertThat(described.descriptor().lastAccessed()).isEqualTo(ServicesFixture.START.plus(Duration.ofMinutes(3)));
    }

    @Test
    void describingAMissingDatabaseIsNotFound() {
        failureOf(() -> databases.describe(Caller.trusted(LENA), "nope"), ErrorKind.NOT_FOUND);
        failureOf(() -> databases.describe(Caller.trusted(ServiceHarness.MIA), "sales"), ErrorKind.NOT_FOUND);
    }

    @Test
    void deletingFromStorageRemovesTheFileAndTheDescriptor() {
        databases.create(command("sales"));

        String message = databases.delete(new DeleteDatabaseCommand(Caller.trusted(LENA), "sales", true, false));

        assertThat(message).contains("'sales' deleted");
        assertThat(keys()).containsExactly(".owner");
        assertThat(harness.lifecycle.isOpen(LENA, DatabaseName.of("sales"))).isFalse();
        failureOf(() -> databases.describe(Caller.trusted(LENA), "sales"), ErrorKind.NOT_FOUND);
    }

    @Test
    void deletingWithoutDeleteFromStorageKeepsTheLastStateUnderBackups() {
        databases.create(command("sales"));
        byte[] lastState = harness.storage.get(LENAS_BUCKET, "sales.duckdb").orElseThrow();
        harness.clock.advance(Duration.ofHours(2));

        String message = databases.delete(new DeleteDatabaseCommand(Caller.trusted(LENA), "sales", false, false));

        String kept = "backups/sales-deleted-20240301T140000.123Z.duckdb";
        assertThat(keys()).containsExactly(".owner", kept);
        assertThat(harness.storage.get(LENAS_BUCKET, kept)).hasValueSatisfying(b -> assertThat(b).isEqualTo(lastState));
        assertThat(message).contains(kept);
        assertThat(databases.create(command("sales")).descriptor().name().value()).isEqualTo("sales");
    }

    @Test
    void aDatabaseWithARunningCallIsNotDeletedWithoutForce() {
        DatabaseDescriptor sales = databases.create(command("sales")).descriptor();
        try (Lease running = harness.lifecycle.acquire(sales, CancellationSignal.none())) {

            failureOf(() -> databases.delete(new DeleteDatabaseCommand(Caller.trusted(LENA), "sales", true, false)),
                    ErrorKind.FAILED_PRECONDITION);

            assertThat(keys()).contains("sales.duckdb", ".meta/sales.properties");
        }
    }

    @Test
    void forceCancelsTheRunningCallAndDeletes() {
        DatabaseDescriptor sales = databases.create(command("sales")).descriptor();
        CancellationSignal call = CancellationSignal.none();
        Lease running = harness.lifecycle.acquire(sales, call);
        call.onCancel(running::close);

        databases.delete(new DeleteDatabaseCommand(Caller.trusted(LENA), sales.id(), true, true));

        assertThat(call.reason()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(keys()).containsExactly(".owner");
    }
}
