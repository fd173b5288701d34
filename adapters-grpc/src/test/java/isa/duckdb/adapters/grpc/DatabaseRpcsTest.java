package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.DatabaseInfo;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DeleteDatabaseResponse;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.GetDatabaseInfoResponse;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListDatabasesResponse;
import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.in.DatabasePage;
import isa.duckdb.application.port.in.DatabaseView;
import isa.duckdb.application.port.in.DeleteDatabaseCommand;
import isa.duckdb.application.port.in.ListDatabasesQuery;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CreateDatabase, ListDatabases, GetDatabaseInfo and DeleteDatabase as a client sees them. */
class DatabaseRpcsTest {
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");
    private static final Instant ACCESSED = Instant.parse("2025-02-03T04:05:06.007Z");

    private final UseCaseStubs stubs = new UseCaseStubs();
    private final InProcessService service = InProcessService.start(stubs);

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void createDatabaseHandsOverTheRequestAndAnswersTheNewDatabasesInfo() {
        stubs.databases.view.is(view("db-1", "sales"));

        CreateDatabaseResponse response = service.blocking().createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId("alice").setDatabaseName("sales").setOrganizationId("acme").setMinioBucket("duckdb-data")
                .putMetadata("team", "finance").putConfig("threads", "2").build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getMessage()).isEqualTo("database 'sales' created");
        assertThat(stubs.databases.received).containsExactly(new CreateDatabaseCommand(Caller.trusted("alice"), "sales",
                "acme", "duckdb-data", Map.of("team", "finance"), Map.of("threads", "2")));
        DatabaseInfo info = response.getDatabaseInfo();
        assertThat(info.getDatabaseId()).isEqualTo("db-1");
        assertThat(info.getDatabaseName()).isEqualTo("sales");
        assertThat(info.getUserId()).isEqualTo("alice");
        assertThat(info.getOrganizationId()).isEqualTo("acme");
        assertThat(info.getMinioBucket()).isEqualTo("user-alice-duckdb");
        assertThat(info.getMinioPath()).isEqualTo("sales.duckdb");
        assertThat(info.getSizeBytes()).isEqualTo(12_288);
        assertThat(info.getTableCount()).isEqualTo(3);
        assertThat(info.getCreatedAt().getSeconds()).isEqualTo(CREATED.getEpochSecond());
        assertThat(info.getLastAccessed().getNanos()).isEqualTo(7_000_000);
        assertThat(info.getMetadataMap()).containsExactly(Map.entry("team", "finance"));
        assertThat(info.getVersion()).isEqualTo("v1.5.0");
    }

    @Test
    void anExistingNameIsAlreadyExistsInTheBody() {
        stubs.databases.view.fails(ServiceException.alreadyExists("database 'sales' already exists"));

        CreateDatabaseResponse response = service.blocking().createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId("alice").setDatabaseName("sales").build());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).isEqualTo("ALREADY_EXISTS: database 'sales' already exists");
        assertThat(response.hasDatabaseInfo()).isFalse();
    }

    @Test
    void listDatabasesAnswersThePageTheUseCaseCut() {
        stubs.databases.page.is(new DatabasePage(List.of(view("db-1", "a"), view("db-2", "b")), 7, 2, 2));

        ListDatabasesResponse response = service.blocking().listDatabases(ListDatabasesRequest.newBuilder()
                .setUserId("alice").setOrganizationId("acme").setNameFilter("s%").setPage(2).setPageSize(2).build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getDatabasesList()).extracting(DatabaseInfo::getDatabaseName).containsExactly("a", "b");
        assertThat(response.getTotalCount()).isEqualTo(7);
        assertThat(response.getPage()).isEqualTo(2);
        assertThat(response.getPageSize()).isEqualTo(2);
        assertThat(stubs.databases.received).containsExactly(
                new ListDatabasesQuery(Caller.trusted("alice"), "acme", "s%", 2, 2));
    }

    @Test
    void anUnknownDatabaseIsNotFoundInTheBodyNotAStatus() {
        stubs.databases.view.fails(ServiceException.notFound("database 'nope' does not exist for user 'alice'"));

        GetDatabaseInfoResponse response = service.blocking().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId("alice").setDatabaseId("nope").build());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).isEqualTo("NOT_FOUND: database 'nope' does not exist for user 'alice'");
        assertThat(stubs.databases.received).containsExactly(new UseCaseStubs.Call(Caller.trusted("alice"), "nope", ""));
    }

    @Test
    void deleteDatabaseHandsOverForceAndDeleteFromMinioAndAnswersTheUseCasesSentence() {
        stubs.databases.deleted.is("database 'sales' deleted; its last state is kept as a backup");

        DeleteDatabaseResponse response = service.blocking().deleteDatabase(DeleteDatabaseRequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setForce(true).setDeleteFromMinio(false).build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getMessage()).isEqualTo("database 'sales' deleted; its last state is kept as a backup");
        assertThat(stubs.databases.received).containsExactly(
                new DeleteDatabaseCommand(Caller.trusted("alice"), "sales", false, true));
    }

    @Test
    void theUseCasesPermissionDeniedForAMissingUserIdIsAStatus() {
        stubs.databases.page.fails(new ServiceException(ErrorKind.PERMISSION_DENIED, "user_id is required"));

        assertThatThrownBy(() -> service.blocking().listDatabases(ListDatabasesRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("PERMISSION_DENIED: user_id is required");
                });
        assertThat(stubs.databases.received).containsExactly(new ListDatabasesQuery(Caller.trusted(""), "", "", 0, 0));
        assertThat(service.rpcMetrics.errors()).isEqualTo(1);
    }

    private static DatabaseView view(String id, String name) {
        DatabaseDescriptor descriptor = new DatabaseDescriptor(id, DatabaseName.of(name), TenantId.of("alice"), "acme",
                CREATED, ACCESSED, Map.of("team", "finance"), DatabaseSettings.DEFAULTS, 3);
        return new DatabaseView(descriptor, "user-alice-duckdb", name + ".duckdb", 12_288, 3, "v1.5.0");
    }
}
