package isa.duckdb.adapters.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.BackupDatabaseRequest;
import isa.duckdb.api.BackupDatabaseResponse;
import isa.duckdb.api.BatchResult;
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
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.GetMetricsResponse;
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
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DeleteDatabaseResponse;
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
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.HealthCheckResponse;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.ImportFromMinIOResponse;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.ListDatabasesResponse;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.PrepareStatementResponse;
import isa.duckdb.api.QueryMinIOFileRequest;
import isa.duckdb.api.QueryMinIOFileResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.RestoreDatabaseRequest;
import isa.duckdb.api.RestoreDatabaseResponse;
import isa.duckdb.api.Row;
import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.DatabasePage;
import isa.duckdb.application.port.in.DeleteDatabaseCommand;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.GetMetricsUseCase;
import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.in.ListDatabasesQuery;
import isa.duckdb.application.port.in.ManageDatabasesUseCase;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.PrepareStatementUseCase;
import isa.duckdb.application.port.in.PreparedStatementInfo;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.ServiceMetrics;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The wire contract's {@code isa.duckdb.DuckDBService}; RPCs of later issues answer UNIMPLEMENTED.
 * The catalog RPCs (tables, views, functions, extensions) are answered by {@link CatalogRpcs}.
 */
public final class DuckDBGrpcService extends DuckDBServiceGrpc.DuckDBServiceImplBase {
    private final ManageDatabasesUseCase databases;
    private final ExecuteQueryUseCase queries;
    private final ExecuteStatementUseCase statements;
    private final ExecuteBatchUseCase batches;
    private final PrepareStatementUseCase preparer;
    private final CheckHealthUseCase health;
    private final StreamLimits limits;
    private final StreamStats streamStats;
    private final String serviceVersion;
    private final StorageRpcs storage;
    private final CatalogRpcs catalog;
    private final GetMetricsUseCase metrics;
    private final RpcMetrics rpcMetrics;

    public DuckDBGrpcService(ManageDatabasesUseCase databases, ExecuteQueryUseCase queries,
            ExecuteStatementUseCase statements, ExecuteBatchUseCase batches, PrepareStatementUseCase preparer,
            CheckHealthUseCase health, StreamLimits limits, StreamStats streamStats, String serviceVersion,
            StorageRpcs storage, CatalogUseCases catalogUseCases, RpcMetrics rpcMetrics) {
        this.databases = databases;
        this.queries = queries;
        this.statements = statements;
        this.batches = batches;
        this.preparer = preparer;
        this.health = health;
        this.limits = limits;
        this.streamStats = streamStats;
        this.serviceVersion = serviceVersion;
        this.storage = storage;
        this.catalog = new CatalogRpcs(catalogUseCases);
        this.metrics = catalogUseCases.metrics();
        this.rpcMetrics = rpcMetrics;
    }

    @Override
    public void createDatabase(CreateDatabaseRequest request, StreamObserver<CreateDatabaseResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            var view = databases.create(new CreateDatabaseCommand(TenantId.of(request.getUserId()),
                    request.getDatabaseName(), request.getOrganizationId(), request.getMinioBucket(),
                    request.getMetadataMap(), request.getConfigMap()));
            return CreateDatabaseResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("database '" + request.getDatabaseName() + "' created")
                    .setDatabaseInfo(DatabaseInfos.toProto(view))
                    .build();
        }, error -> CreateDatabaseResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    @Override
    public void listDatabases(ListDatabasesRequest request, StreamObserver<ListDatabasesResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            DatabasePage page = databases.list(new ListDatabasesQuery(TenantId.of(request.getUserId()),
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

    @Override
    public void getDatabaseInfo(GetDatabaseInfoRequest request, StreamObserver<GetDatabaseInfoResponse> observer) {
        UnaryCalls.answer(observer, () -> GetDatabaseInfoResponse.newBuilder()
                .setSuccess(true)
                .setDatabaseInfo(DatabaseInfos.toProto(
                        databases.describe(TenantId.of(request.getUserId()), request.getDatabaseId())))
                .build(),
                error -> GetDatabaseInfoResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    @Override
    public void deleteDatabase(DeleteDatabaseRequest request, StreamObserver<DeleteDatabaseResponse> observer) {
        UnaryCalls.answer(observer, () -> DeleteDatabaseResponse.newBuilder()
                .setSuccess(true)
                .setMessage(databases.delete(new DeleteDatabaseCommand(TenantId.of(request.getUserId()),
                        request.getDatabaseId(), request.getDeleteFromMinio(), request.getForce())))
                .build(),
                error -> DeleteDatabaseResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    @Override
    public void executeQuery(ExecuteQueryRequest request, StreamObserver<ExecuteQueryResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            QueryCommand command = queryCommand(request);
            CancellationSignal signal = CallSignals.forCurrentCall();
            if (request.getExplain()) {
                return ExecuteQueryResponse.newBuilder()
                        .setSuccess(true)
                        .setQueryPlan(queries.explain(command, signal))
                        .setExecutionTimeMs(Millis.since(start))
                        .build();
            }
            try (OpenQuery query = queries.open(command, signal)) {
                return collect(query, start);
            }
        }, error -> ExecuteQueryResponse.newBuilder().setSuccess(false).setError(error)
                .setExecutionTimeMs(Millis.since(start)).build());
    }

    private ExecuteQueryResponse collect(OpenQuery query, long start) {
        ExecuteQueryResponse.Builder response = ExecuteQueryResponse.newBuilder().setSuccess(true);
        for (Column column : query.columns()) {
            response.addColumns(column.name()).addColumnTypes(column.type());
        }
        List<Row> rows = UnaryRows.collect(query, limits);
        long affected = query.affectedRows();
        return response.addAllRows(rows)
                .setRowCount(query.columns().isEmpty() ? (int) Math.min(affected, Integer.MAX_VALUE) : rows.size())
                .setExecutionTimeMs(Millis.since(start))
                .build();
    }

    @Override
    public void executeQueryStream(ExecuteQueryRequest request, StreamObserver<QueryResultChunk> observer) {
        long start = System.nanoTime();
        ServerCallStreamObserver<QueryResultChunk> call = (ServerCallStreamObserver<QueryResultChunk>) observer;
        CancellationSignal signal = CallSignals.forCurrentCall();
        OpenQuery query;
        try {
            if (request.getExplain()) {
                throw ServiceException.invalid("explain is answered by ExecuteQuery, not by the stream");
            }
            query = queries.open(queryCommand(request), signal);
        } catch (RuntimeException e) {
            ServiceException failure = Failures.normalize(e);
            if (Failures.isStatus(failure)) {
                observer.onError(Failures.toStatus(failure));
            } else {
                observer.onNext(QueryStreamer.errorChunk(failure.getMessage(), Millis.since(start)));
                observer.onCompleted();
            }
            return;
        }
        QueryStreamer streamer = new QueryStreamer(call, query, limits, start, streamStats);
        call.setOnCancelHandler(() -> {
            signal.cancel(ErrorKind.CANCELLED);
            streamer.cancelled();
        });
        call.setOnReadyHandler(streamer::drain);
        streamer.drain();
    }

    @Override
    public void executeStatement(ExecuteStatementRequest request, StreamObserver<ExecuteStatementResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            long affected = statements.execute(new StatementCommand(TenantId.of(request.getUserId()),
                    request.getDatabaseId(), request.getStatement(), request.getStatementId(),
                    ProtoValues.parameters(request.getParametersMap()), 0), CallSignals.forCurrentCall());
            return ExecuteStatementResponse.newBuilder()
                    .setSuccess(true)
                    .setAffectedRows((int) Math.min(affected, Integer.MAX_VALUE))
                    .setMessage(affected + " row(s) affected")
                    .setExecutionTimeMs(Millis.since(start))
                    .build();
        }, error -> ExecuteStatementResponse.newBuilder().setSuccess(false).setError(error)
                .setExecutionTimeMs(Millis.since(start)).build());
    }

    @Override
    public void executeBatch(ExecuteBatchRequest request, StreamObserver<ExecuteBatchResponse> observer) {
        long start = System.nanoTime();
        UnaryCalls.answer(observer, () -> {
            BatchOutcome outcome = batches.execute(new BatchCommand(TenantId.of(request.getUserId()),
                    request.getDatabaseId(), request.getStatementsList(), request.getTransaction()),
                    CallSignals.forCurrentCall());
            if (!outcome.success()) {
                CallRecord.markFailed();
            }
            ExecuteBatchResponse.Builder response = ExecuteBatchResponse.newBuilder()
                    .setSuccess(outcome.success())
                    .setError(outcome.error())
                    .setTotalExecutionTimeMs(Millis.since(start));
            outcome.steps().forEach(step -> response.addResults(BatchResult.newBuilder()
                    .setSuccess(step.success())
                    .setAffectedRows((int) Math.min(step.affectedRows(), Integer.MAX_VALUE))
                    .setError(step.error())));
            return response.build();
        }, error -> ExecuteBatchResponse.newBuilder().setSuccess(false).setError(error)
                .setTotalExecutionTimeMs(Millis.since(start)).build());
    }

    @Override
    public void prepareStatement(PrepareStatementRequest request, StreamObserver<PrepareStatementResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            PreparedStatementInfo info = preparer.prepare(TenantId.of(request.getUserId()), request.getDatabaseId(),
                    request.getStatement());
            return PrepareStatementResponse.newBuilder()
                    .setSuccess(true)
                    .setStatementId(info.statementId())
                    .addAllParameterTypes(info.parameterTypes())
                    .build();
        }, error -> PrepareStatementResponse.newBuilder().setSuccess(false).setError(error).build());
    }

    @Override
    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            HealthReport report = health.check(request.getDatabaseId());
            HealthCheckResponse.Builder response = HealthCheckResponse.newBuilder()
                    .setSuccess(true)
                    .setHealthy(report.healthy())
                    .setStatus(report.status())
                    .setTimestamp(ProtoValues.timestamp(Instant.now()));
            if (request.getDetailed()) {
                response.setDetails(HealthDetails.of(report, serviceVersion, streamStats, metrics.serviceMetrics(),
                        rpcMetrics));
            }
            return response.build();
        }, error -> HealthCheckResponse.newBuilder().setSuccess(false).setHealthy(false).setError(error).build());
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

    /** Service-wide counters, or with {@code database_id} ({@code {user_id}/{database}}) one database's. */
    @Override
    public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            if (!request.getDatabaseId().isEmpty()) {
                DatabaseMetrics database = metrics.databaseMetrics(request.getDatabaseId());
                return GetMetricsResponse.newBuilder()
                        .setSuccess(true)
                        .setTotalQueries(database.queries().count())
                        .setActiveConnections(database.callsInFlight())
                        .setAvgQueryTimeMs(database.queries().averageMillis())
                        .setCacheHits(database.cacheHits())
                        .setCacheMisses(database.cacheMisses())
                        .setMetrics(MetricsStructs.database(database))
                        .build();
            }
            ServiceMetrics service = metrics.serviceMetrics();
            return GetMetricsResponse.newBuilder()
                    .setSuccess(true)
                    .setTotalQueries(service.queries().count())
                    .setActiveConnections(rpcMetrics.inFlight())
                    .setAvgQueryTimeMs(service.queries().averageMillis())
                    .setCacheHits(service.cacheHits())
                    .setCacheMisses(service.cacheMisses())
                    .setMetrics(MetricsStructs.service(service, rpcMetrics, streamStats))
                    .build();
        }, error -> GetMetricsResponse.newBuilder().setSuccess(false).setError(error).build());
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

    private static QueryCommand queryCommand(ExecuteQueryRequest request) {
        return new QueryCommand(TenantId.of(request.getUserId()), request.getDatabaseId(), request.getQuery(),
                request.getStatementId(), ProtoValues.parameters(request.getParametersMap()), request.getMaxRows(),
                request.getTimeoutSeconds());
    }
}
