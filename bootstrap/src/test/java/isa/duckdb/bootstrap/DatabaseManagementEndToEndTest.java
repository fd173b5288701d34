package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.DatabaseInfo;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.GetDatabaseInfoResponse;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListDatabasesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseManagementEndToEndTest extends SharedServiceEndToEnd {

    @Test
    void createdDatabaseDescribesItselfAndIsFoundByIdAndByName() {
        CreateDatabaseResponse created = stub.createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId("alice_smith").setDatabaseName("sales").setOrganizationId("org-acme")
                .putMetadata("team", "finance").build());
        assertThat(created.getSuccess()).isTrue();
        DatabaseInfo info = created.getDatabaseInfo();
        assertThat(info.getDatabaseId()).matches("[0-9a-f-]{36}");
        assertThat(info.getDatabaseName()).isEqualTo("sales");
        assertThat(info.getUserId()).isEqualTo("alice_smith");
        assertThat(info.getOrganizationId()).isEqualTo("org-acme");
        assertThat(info.getMinioBucket()).isEqualTo("user-alice-smith-duckdb");
        assertThat(info.getMinioPath()).isEqualTo("sales.duckdb");
        assertThat(info.getMetadataMap()).containsEntry("team", "finance");
        assertThat(info.getVersion()).startsWith("v1.");
        assertThat(info.getCreatedAt().getSeconds()).isPositive();
        assertThat(info.getSizeBytes()).isPositive();
        assertThat(info.getTableCount()).isZero();
        assertThat(Files.exists(data.resolve("storage/user-alice-smith-duckdb/sales.duckdb"))).isTrue();

        ok(stub, "alice_smith", "sales", "CREATE TABLE a(x INT); CREATE TABLE b(y INT)");
        GetDatabaseInfoResponse byId = stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId("alice_smith").setDatabaseId(info.getDatabaseId()).build());
        GetDatabaseInfoResponse byName = stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId("alice_smith").setDatabaseId("sales").build());
        assertThat(byId.getDatabaseInfo().getTableCount()).isEqualTo(2);
        assertThat(byName.getDatabaseInfo().getDatabaseId()).isEqualTo(info.getDatabaseId());
        assertThat(byName.getDatabaseInfo().getLastAccessed().getSeconds())
                .isGreaterThanOrEqualTo(info.getCreatedAt().getSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb-data", "user-bob-duckdb", "../Not A Bucket/😀;"})
    void aMinioBucketIsNeverRefusedAndKeptAsALabelWhileTheDatabaseStaysInTheTenantsBucket(String requested) {
        String name = "labelled" + Math.abs(requested.hashCode());
        CreateDatabaseResponse created = stub.createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId("carla").setDatabaseName(name).setMinioBucket(requested).build());

        assertThat(created.getError()).isEmpty();
        assertThat(created.getSuccess()).isTrue();
        assertThat(created.getDatabaseInfo().getMinioBucket()).isEqualTo("user-carla-duckdb");
        assertThat(created.getDatabaseInfo().getMetadataMap()).containsEntry("requested_minio_bucket", requested);
        assertThat(Files.exists(data.resolve("storage/user-carla-duckdb/" + name + ".duckdb"))).isTrue();
        GetDatabaseInfoResponse described = stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId("carla").setDatabaseId(name).build());
        assertThat(described.getDatabaseInfo().getMetadataMap()).containsEntry("requested_minio_bucket", requested);
    }

    @Test
    void creatingTwiceIsAlreadyExists() {
        createDatabase(stub, "bob", "twice");
        CreateDatabaseResponse again = stub.createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId("bob").setDatabaseName("twice").build());
        assertThat(again.getSuccess()).isFalse();
        assertThat(again.getError()).startsWith("ALREADY_EXISTS:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "", ".hidden", "a\\b"})
    void namesThatCouldEscapeAreInvalid(String name) {
        CreateDatabaseResponse response = stub.createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId("carol").setDatabaseName(name).build());
        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("INVALID_ARGUMENT:");
        assertThat(response.getError()).doesNotContain(data.toString());
    }

    @Test
    void overlongNameIsInvalid() {
        CreateDatabaseResponse response = stub.createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId("carol").setDatabaseName("n".repeat(129)).build());
        assertThat(response.getError()).startsWith("INVALID_ARGUMENT:");
    }

    @Test
    void unknownDatabaseIsNotFoundAndReadingItCreatesNothing() throws Exception {
        GetDatabaseInfoResponse info = stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId("dave").setDatabaseId("ghost").build());
        assertThat(info.getSuccess()).isFalse();
        assertThat(info.getError()).isEqualTo("NOT_FOUND: database 'ghost' does not exist for user 'dave'");
        var query = stub.executeQuery(Requests.query("dave", "ghost", "SELECT 1").build());
        assertThat(query.getError()).startsWith("NOT_FOUND:");
        assertThat(stub.listDatabases(ListDatabasesRequest.newBuilder().setUserId("dave").build()).getTotalCount()).isZero();
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("ghost"));
        }
    }

    @Test
    void missingUserIsPermissionDenied() {
        assertThatThrownBy(() -> stub.listDatabases(ListDatabasesRequest.newBuilder().build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void listFiltersByNameAndPages() {
        for (String name : new String[] {"logs-a", "logs-b", "logs-c", "metrics"}) {
            createDatabase(stub, "erin", name);
        }
        ListDatabasesResponse filtered = stub.listDatabases(ListDatabasesRequest.newBuilder()
                .setUserId("erin").setNameFilter("LOGS").setPage(2).setPageSize(2).build());
        assertThat(filtered.getTotalCount()).isEqualTo(3);
        assertThat(filtered.getPage()).isEqualTo(2);
        assertThat(filtered.getPageSize()).isEqualTo(2);
        assertThat(filtered.getDatabasesList()).extracting(DatabaseInfo::getDatabaseName).containsExactly("logs-c");
        ListDatabasesResponse all = stub.listDatabases(ListDatabasesRequest.newBuilder().setUserId("erin").build());
        assertThat(all.getDatabasesList()).extracting(DatabaseInfo::getDatabaseName)
                .containsExactly("logs-a", "logs-b", "logs-c", "metrics");
        ListDatabasesResponse otherTenant = stub.listDatabases(ListDatabasesRequest.newBuilder().setUserId("frank").build());
        assertThat(otherTenant.getTotalCount()).isZero();
    }

    @Test
    void tenantsCannotSeeEachOthersDatabases() {
        createDatabase(stub, "grace", "private");
        ok(stub, "grace", "private", "CREATE TABLE secrets AS SELECT 42 AS answer");
        var stolen = stub.executeQuery(Requests.query("mallory", "private", "SELECT * FROM secrets").build());
        assertThat(stolen.getError()).startsWith("NOT_FOUND:");
        GetDatabaseInfoResponse grace = stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId("grace").setDatabaseId("private").build());
        var byId = stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId("mallory").setDatabaseId(grace.getDatabaseInfo().getDatabaseId()).build());
        assertThat(byId.getError()).startsWith("NOT_FOUND:");
    }

    @Test
    void deleteRemovesTheDatabaseAndKeepsABackupUnlessAskedNotTo() throws Exception {
        createDatabase(stub, "heidi", "keep");
        ok(stub, "heidi", "keep", "CREATE TABLE t AS SELECT 7 AS x");
        var kept = stub.deleteDatabase(DeleteDatabaseRequest.newBuilder().setUserId("heidi").setDatabaseId("keep").build());
        assertThat(kept.getSuccess()).isTrue();
        assertThat(kept.getMessage()).contains("backups/keep-deleted-");
        try (Stream<Path> backups = Files.list(data.resolve("storage/user-heidi-duckdb/backups"))) {
            assertThat(backups.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("keep-deleted-"));
        }
        assertThat(stub.getDatabaseInfo(GetDatabaseInfoRequest.newBuilder().setUserId("heidi").setDatabaseId("keep")
                .build()).getError()).startsWith("NOT_FOUND:");

        createDatabase(stub, "heidi", "gone");
        var gone = stub.deleteDatabase(DeleteDatabaseRequest.newBuilder().setUserId("heidi").setDatabaseId("gone")
                .setDeleteFromMinio(true).build());
        assertThat(gone.getSuccess()).isTrue();
        assertThat(Files.exists(data.resolve("storage/user-heidi-duckdb/gone.duckdb"))).isFalse();
        createDatabase(stub, "heidi", "gone");
        assertThat(select(stub, "heidi", "gone", "SELECT count(*) FROM duckdb_tables() WHERE NOT internal")
                .getRows(0).getValues(0).getIntValue()).isZero();
    }
}
