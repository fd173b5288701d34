package isa.duckdb.adapters.grpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.api.BackupDatabaseRequest;
import isa.duckdb.api.BackupDatabaseResponse;
import isa.duckdb.api.CancelQueryRequest;
import isa.duckdb.api.CancelQueryResponse;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.CreateFunctionRequest;
import isa.duckdb.api.CreateFunctionResponse;
import isa.duckdb.api.CreateTableRequest;
import isa.duckdb.api.CreateTableResponse;
import isa.duckdb.api.CreateViewRequest;
import isa.duckdb.api.CreateViewResponse;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DeleteDatabaseResponse;
import isa.duckdb.api.DropTableRequest;
import isa.duckdb.api.DropTableResponse;
import isa.duckdb.api.DropViewRequest;
import isa.duckdb.api.DropViewResponse;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteBatchResponse;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.ExportToMinIOResponse;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.GetDatabaseInfoResponse;
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.GetMetricsResponse;
import isa.duckdb.api.GetTableSchemaRequest;
import isa.duckdb.api.GetTableSchemaResponse;
import isa.duckdb.api.GetTableStatsRequest;
import isa.duckdb.api.GetTableStatsResponse;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.HealthCheckResponse;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.ImportFromMinIOResponse;
import isa.duckdb.api.InstallExtensionRequest;
import isa.duckdb.api.InstallExtensionResponse;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListDatabasesResponse;
import isa.duckdb.api.ListExtensionsRequest;
import isa.duckdb.api.ListExtensionsResponse;
import isa.duckdb.api.ListRunningQueriesRequest;
import isa.duckdb.api.ListRunningQueriesResponse;
import isa.duckdb.api.ListTablesRequest;
import isa.duckdb.api.ListTablesResponse;
import isa.duckdb.api.ListViewsRequest;
import isa.duckdb.api.ListViewsResponse;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.PrepareStatementResponse;
import isa.duckdb.api.QueryMinIOFileRequest;
import isa.duckdb.api.QueryMinIOFileResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.RestoreDatabaseRequest;
import isa.duckdb.api.RestoreDatabaseResponse;
import jakarta.inject.Inject;

/**
 * The wire contract's {@code isa.duckdb.DuckDBService}: each RPC is handed to the handler of its group
 * ({@link DatabaseRpcs}, {@link QueryRpcs}, {@link QueryStreamRpcs}, {@link StorageRpcs}, {@link CatalogRpcs},
 * {@link HealthRpcs}, {@link QueryControlRpcs}). How failures reach callers is {@link UnaryCalls}' and {@link Failures}' business.
 */
public final class DuckDBGrpcService implements DuckDBServiceGrpc.AsyncService, BindableService {
    private final DatabaseRpcs databases;
    private final QueryRpcs queries;
    private final QueryStreamRpcs stream;
    private final StorageRpcs storage;
    private final CatalogRpcs catalog;
    private final HealthRpcs health;
    private final QueryControlRpcs control;

    @Inject
    public DuckDBGrpcService(DatabaseRpcs databases, QueryRpcs queries, QueryStreamRpcs stream, StorageRpcs storage,
            CatalogRpcs catalog, HealthRpcs health, QueryControlRpcs control) {
        this.databases = databases;
        this.queries = queries;
        this.stream = stream;
        this.storage = storage;
        this.catalog = catalog;
        this.health = health;
        this.control = control;
    }

    /** The generated binding, ExecuteQueryStream's rows sent as pre-encoded bytes ({@link EncodedChunkMarshaller}). */
    @Override
    public ServerServiceDefinition bindService() {
        return EncodedChunkMarshaller.withEncodedChunks(DuckDBServiceGrpc.bindService(this));
    }

    @Override
    public void createDatabase(CreateDatabaseRequest request, StreamObserver<CreateDatabaseResponse> observer) {
        databases.createDatabase(request, observer);
    }

    @Override
    public void listDatabases(ListDatabasesRequest request, StreamObserver<ListDatabasesResponse> observer) {
        databases.listDatabases(request, observer);
    }

    @Override
    public void getDatabaseInfo(GetDatabaseInfoRequest request, StreamObserver<GetDatabaseInfoResponse> observer) {
        databases.getDatabaseInfo(request, observer);
    }

    @Override
    public void deleteDatabase(DeleteDatabaseRequest request, StreamObserver<DeleteDatabaseResponse> observer) {
        databases.deleteDatabase(request, observer);
    }

    @Override
    public void executeQuery(ExecuteQueryRequest request, StreamObserver<ExecuteQueryResponse> observer) {
        queries.executeQuery(request, observer);
    }

    @Override
    public void executeQueryStream(ExecuteQueryRequest request, StreamObserver<QueryResultChunk> observer) {
        stream.executeQueryStream(request, observer);
    }

    @Override
    public void executeQueryArrow(ExecuteQueryRequest request, StreamObserver<ArrowResultChunk> observer) {
        stream.executeQueryArrow(request, observer);
    }

    @Override
    public void executeStatement(ExecuteStatementRequest request, StreamObserver<ExecuteStatementResponse> observer) {
        queries.executeStatement(request, observer);
    }

    @Override
    public void executeBatch(ExecuteBatchRequest request, StreamObserver<ExecuteBatchResponse> observer) {
        queries.executeBatch(request, observer);
    }

    @Override
    public void prepareStatement(PrepareStatementRequest request, StreamObserver<PrepareStatementResponse> observer) {
        queries.prepareStatement(request, observer);
    }

    @Override
    public void importFromMinIO(ImportFromMinIORequest request, StreamObserver<ImportFromMinIOResponse> observer) {
        storage.importFromMinIO(request, observer);
    }

    @Override
    public void exportToMinIO(ExportToMinIORequest request, StreamObserver<ExportToMinIOResponse> observer) {
        storage.exportToMinIO(request, observer);
    }

    @Override
    public void queryMinIOFile(QueryMinIOFileRequest request, StreamObserver<QueryMinIOFileResponse> observer) {
        storage.queryMinIOFile(request, observer);
    }

    @Override
    public StreamObserver<ImportDataRequest> importData(StreamObserver<ImportDataResponse> observer) {
        return storage.importData(observer);
    }

    @Override
    public void backupDatabase(BackupDatabaseRequest request, StreamObserver<BackupDatabaseResponse> observer) {
        storage.backupDatabase(request, observer);
    }

    @Override
    public void restoreDatabase(RestoreDatabaseRequest request, StreamObserver<RestoreDatabaseResponse> observer) {
        storage.restoreDatabase(request, observer);
    }

    @Override
    public void createTable(CreateTableRequest request, StreamObserver<CreateTableResponse> observer) {
        catalog.createTable(request, observer);
    }

    @Override
    public void listTables(ListTablesRequest request, StreamObserver<ListTablesResponse> observer) {
        catalog.listTables(request, observer);
    }

    @Override
    public void dropTable(DropTableRequest request, StreamObserver<DropTableResponse> observer) {
        catalog.dropTable(request, observer);
    }

    @Override
    public void getTableSchema(GetTableSchemaRequest request, StreamObserver<GetTableSchemaResponse> observer) {
        catalog.getTableSchema(request, observer);
    }

    @Override
    public void getTableStats(GetTableStatsRequest request, StreamObserver<GetTableStatsResponse> observer) {
        catalog.getTableStats(request, observer);
    }

    @Override
    public void createView(CreateViewRequest request, StreamObserver<CreateViewResponse> observer) {
        catalog.createView(request, observer);
    }

    @Override
    public void listViews(ListViewsRequest request, StreamObserver<ListViewsResponse> observer) {
        catalog.listViews(request, observer);
    }

    @Override
    public void dropView(DropViewRequest request, StreamObserver<DropViewResponse> observer) {
        catalog.dropView(request, observer);
    }

    @Override
    public void createFunction(CreateFunctionRequest request, StreamObserver<CreateFunctionResponse> observer) {
        catalog.createFunction(request, observer);
    }

    @Override
    public void listExtensions(ListExtensionsRequest request, StreamObserver<ListExtensionsResponse> observer) {
        catalog.listExtensions(request, observer);
    }

    @Override
    public void installExtension(InstallExtensionRequest request, StreamObserver<InstallExtensionResponse> observer) {
        catalog.installExtension(request, observer);
    }

    @Override
    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        health.healthCheck(request, observer);
    }

    @Override
    public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> observer) {
        health.getMetrics(request, observer);
    }

    @Override
    public void listRunningQueries(ListRunningQueriesRequest request,
            StreamObserver<ListRunningQueriesResponse> observer) {
        control.listRunningQueries(request, observer);
    }

    @Override
    public void cancelQuery(CancelQueryRequest request, StreamObserver<CancelQueryResponse> observer) {
        control.cancelQuery(request, observer);
    }
}
