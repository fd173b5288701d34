package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DeleteDatabaseResponse;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.GetDatabaseInfoResponse;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListDatabasesResponse;
import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.in.DatabasePage;
import isa.duckdb.application.port.in.DeleteDatabaseCommand;
import isa.duckdb.application.port.in.ListDatabasesQuery;
import isa.duckdb.application.port.in.ManageDatabasesUseCase;
import jakarta.inject.Inject;

/**
 * CreateDatabase, ListDatabases, GetDatabaseInfo and DeleteDatabase: proto in, use case, proto out.
 * Failures answer as {@link UnaryCalls} says (wire contract, "Errors").
 */
public final class DatabaseRpcs {
    private final ManageDatabasesUseCase databases;

    @Inject
    public DatabaseRpcs(ManageDatabasesUseCase databases) {
        this.databases = databases;
    }

    void createDatabase(CreateDatabaseRequest request, StreamObserver<CreateDatabaseResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            var view = databases.create(new CreateDatabaseCommand(Principals.caller(request.getUserId()),
                    request.getDatabaseName(), request.getOrganizationId(), request.getMinioBucket(),
                    request.getMetadataMap(), request.getConfigMap()));
            return CreateDatabaseResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("database '" + request.getDatabaseName() + "' created")
                    .setDatabaseInfo(DatabaseInfos.toProto(view))
                    .build();
        }, error -> CreateDatabaseResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void listDatabases(ListDatabasesRequest request, StreamObserver<ListDatabasesResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            DatabasePage page = databases.list(new ListDatabasesQuery(Principals.caller(request.getUserId()),
                    request.getOrganizationId(), request.getNameFilter(), request.getPage(), request.getPageSize()));
            ListDatabasesResponse.Builder response = ListDatabasesResponse.newBuilder()
                    .setSuccess(true)
                    .setTotalCount(page.totalCount())
                    .setPage(page.page())
                    .setPageSize(page.pageSize());
            page.databases().forEach(view -> response.addDatabases(DatabaseInfos.toProto(view)));
            return response.build();
        }, error -> ListDatabasesResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void getDatabaseInfo(GetDatabaseInfoRequest request, StreamObserver<GetDatabaseInfoResponse> observer) {
        UnaryCalls.answer(observer, () -> GetDatabaseInfoResponse.newBuilder()
                .setSuccess(true)
                .setDatabaseInfo(DatabaseInfos.toProto(
                        databases.describe(Principals.caller(request.getUserId()), request.getDatabaseId())))
                .build(),
                error -> GetDatabaseInfoResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void deleteDatabase(DeleteDatabaseRequest request, StreamObserver<DeleteDatabaseResponse> observer) {
        UnaryCalls.answer(observer, () -> DeleteDatabaseResponse.newBuilder()
                .setSuccess(true)
                .setMessage(databases.delete(new DeleteDatabaseCommand(Principals.caller(request.getUserId()),
                        request.getDatabaseId(), request.getDeleteFromMinio(), request.getForce())))
                .build(),
                error -> DeleteDatabaseResponse.newBuilder().setSuccess(false).setError(error).build());
    }
}
