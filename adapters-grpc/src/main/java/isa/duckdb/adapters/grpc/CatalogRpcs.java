package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.CreateFunctionRequest;
import isa.duckdb.api.CreateFunctionResponse;
import isa.duckdb.api.CreateTableRequest;
import isa.duckdb.api.CreateTableResponse;
import isa.duckdb.api.CreateViewRequest;
import isa.duckdb.api.CreateViewResponse;
import isa.duckdb.api.DropTableRequest;
import isa.duckdb.api.DropTableResponse;
import isa.duckdb.api.DropViewRequest;
import isa.duckdb.api.DropViewResponse;
import isa.duckdb.api.GetTableSchemaRequest;
import isa.duckdb.api.GetTableSchemaResponse;
import isa.duckdb.api.GetTableStatsRequest;
import isa.duckdb.api.GetTableStatsResponse;
import isa.duckdb.api.InstallExtensionRequest;
import isa.duckdb.api.InstallExtensionResponse;
import isa.duckdb.api.ListExtensionsRequest;
import isa.duckdb.api.ListExtensionsResponse;
import isa.duckdb.api.ListTablesRequest;
import isa.duckdb.api.ListTablesResponse;
import isa.duckdb.api.ListViewsRequest;
import isa.duckdb.api.ListViewsResponse;
import isa.duckdb.application.port.in.CreateFunctionCommand;
import isa.duckdb.application.port.in.CreateFunctionUseCase;
import isa.duckdb.application.port.in.CreateTableCommand;
import isa.duckdb.application.port.in.CreateViewCommand;
import isa.duckdb.application.port.in.CreatedTable;
import isa.duckdb.application.port.in.DropTableCommand;
import isa.duckdb.application.port.in.ListTablesQuery;
import isa.duckdb.application.port.in.ManageExtensionsUseCase;
import isa.duckdb.application.port.in.ManageTablesUseCase;
import isa.duckdb.application.port.in.ManageViewsUseCase;
import isa.duckdb.application.port.in.TableRef;
import isa.duckdb.domain.TableDescription;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The table, view, function and extension RPCs: proto in, use case, proto out. A table or view
 * argument may carry the caller's legacy prefix {@code user_{user_id}_} (wire contract, "Legacy table prefix";
 * the use cases resolve it).
 */
public final class CatalogRpcs {
    private final ManageTablesUseCase tables;
    private final ManageViewsUseCase views;
    private final CreateFunctionUseCase functions;
    private final ManageExtensionsUseCase extensions;

    @Inject
    public CatalogRpcs(ManageTablesUseCase tables, ManageViewsUseCase views, CreateFunctionUseCase functions,
            ManageExtensionsUseCase extensions) {
        this.tables = tables;
        this.views = views;
        this.functions = functions;
        this.extensions = extensions;
    }

    void createTable(CreateTableRequest request, StreamObserver<CreateTableResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            CreatedTable created = tables.create(new CreateTableCommand(Principals.caller(request.getUserId()),
                    request.getDatabaseId(), request.getTableName(), CatalogMessages.columnSpecs(request.getColumnsList()),
                    request.getPrimaryKeysList(), request.getIfNotExists(), request.getComment()),
                    CallSignals.forCurrentCall());
            String name = created.table().name();
            return CreateTableResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage(created.created() ? "table '" + name + "' created"
                            : "table '" + name + "' already exists; left unchanged")
                    .setTableInfo(CatalogMessages.table(created.table()))
                    .build();
        }, error -> CreateTableResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void listTables(ListTablesRequest request, StreamObserver<ListTablesResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            List<TableDescription> found = tables.list(new ListTablesQuery(Principals.caller(request.getUserId()),
                    request.getDatabaseId(), request.getSchemaName(), request.getNameFilter()),
                    CallSignals.forCurrentCall());
            ListTablesResponse.Builder response = ListTablesResponse.newBuilder()
                    .setSuccess(true)
                    .setTotalCount(found.size());
            found.forEach(table -> response.addTables(CatalogMessages.table(table)));
            return response.build();
        }, error -> ListTablesResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void dropTable(DropTableRequest request, StreamObserver<DropTableResponse> observer) {
        UnaryCalls.answer(observer, () -> DropTableResponse.newBuilder()
                .setSuccess(true)
                .setMessage(tables.drop(new DropTableCommand(table(request.getUserId(), request.getDatabaseId(),
                        request.getTableName()), request.getIfExists(), request.getCascade()),
                        CallSignals.forCurrentCall()))
                .build(),
                error -> DropTableResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void getTableSchema(GetTableSchemaRequest request, StreamObserver<GetTableSchemaResponse> observer) {
        UnaryCalls.answer(observer, () -> GetTableSchemaResponse.newBuilder()
                .setSuccess(true)
                .setTableInfo(CatalogMessages.table(tables.describe(
                        table(request.getUserId(), request.getDatabaseId(), request.getTableName()),
                        CallSignals.forCurrentCall())))
                .build(),
                error -> GetTableSchemaResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void getTableStats(GetTableStatsRequest request, StreamObserver<GetTableStatsResponse> observer) {
        UnaryCalls.answer(observer, () -> GetTableStatsResponse.newBuilder()
                .setSuccess(true)
                .setStats(CatalogMessages.stats(tables.statistics(
                        table(request.getUserId(), request.getDatabaseId(), request.getTableName()),
                        request.getIncludeColumns(), CallSignals.forCurrentCall())))
                .build(),
                error -> GetTableStatsResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void createView(CreateViewRequest request, StreamObserver<CreateViewResponse> observer) {
        UnaryCalls.answer(observer, () -> CreateViewResponse.newBuilder()
                .setSuccess(true)
                .setMessage(views.create(new CreateViewCommand(table(request.getUserId(), request.getDatabaseId(),
                        request.getViewName()), request.getQuery(), request.getReplace()), CallSignals.forCurrentCall()))
                .build(),
                error -> CreateViewResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void listViews(ListViewsRequest request, StreamObserver<ListViewsResponse> observer) {
        UnaryCalls.answer(observer, () -> ListViewsResponse.newBuilder()
                .setSuccess(true)
                .addAllViews(views.list(Principals.caller(request.getUserId()), request.getDatabaseId(),
                        CallSignals.forCurrentCall()))
                .build(),
                error -> ListViewsResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void dropView(DropViewRequest request, StreamObserver<DropViewResponse> observer) {
        UnaryCalls.answer(observer, () -> DropViewResponse.newBuilder()
                .setSuccess(true)
                .setMessage(views.drop(table(request.getUserId(), request.getDatabaseId(), request.getViewName()),
                        CallSignals.forCurrentCall()))
                .build(),
                error -> DropViewResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void createFunction(CreateFunctionRequest request, StreamObserver<CreateFunctionResponse> observer) {
        UnaryCalls.answer(observer, () -> CreateFunctionResponse.newBuilder()
                .setSuccess(true)
                .setMessage(functions.create(new CreateFunctionCommand(Principals.caller(request.getUserId()),
                        request.getDatabaseId(), request.getFunctionName(), request.getFunctionBody(),
                        request.getParametersList(), request.getReturnType()), CallSignals.forCurrentCall()))
                .build(),
                error -> CreateFunctionResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void listExtensions(ListExtensionsRequest request, StreamObserver<ListExtensionsResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            ListExtensionsResponse.Builder response = ListExtensionsResponse.newBuilder().setSuccess(true);
            extensions.list(Principals.caller(request.getUserId()), request.getDatabaseId(), CallSignals.forCurrentCall())
                    .forEach(extension -> response.addExtensions(CatalogMessages.extension(extension)));
            return response.build();
        }, error -> ListExtensionsResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    void installExtension(InstallExtensionRequest request, StreamObserver<InstallExtensionResponse> observer) {
        UnaryCalls.answer(observer, () -> InstallExtensionResponse.newBuilder()
                .setSuccess(true)
                .setMessage(extensions.install(Principals.caller(request.getUserId()), request.getDatabaseId(),
                        request.getExtensionName(), CallSignals.forCurrentCall()))
                .build(),
                error -> InstallExtensionResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    private static TableRef table(String userId, String databaseRef, String name) {
        return new TableRef(Principals.caller(userId), databaseRef, name);
    }
}
