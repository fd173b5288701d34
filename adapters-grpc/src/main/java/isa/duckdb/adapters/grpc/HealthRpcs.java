package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.GetMetricsResponse;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.HealthCheckResponse;
import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.GetMetricsUseCase;
import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.in.ServiceMetrics;
import isa.duckdb.domain.Principal;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/**
 * HealthCheck (the real checks; with {@code detailed} an operator's Struct, see {@link HealthDetails}) and
 * GetMetrics (service-wide, or one database's with {@code database_id} = {@code {user_id}/{database}}).
 */
public final class HealthRpcs {
    /** Names the {@code String} holding this build's version (bootstrap provides it). */
    public static final String SERVICE_VERSION = "service-version";

    private final CheckHealthUseCase health;
    private final GetMetricsUseCase metrics;
    private final StreamStats streamStats;
    private final RpcMetrics rpcMetrics;
    private final String serviceVersion;

    /** @param serviceVersion this build's version, shown as {@code service_version} in a detailed health check */
    @Inject
    public HealthRpcs(CheckHealthUseCase health, GetMetricsUseCase metrics, StreamStats streamStats,
            RpcMetrics rpcMetrics, @Named(SERVICE_VERSION) String serviceVersion) {
        this.health = health;
        this.metrics = metrics;
        this.streamStats = streamStats;
        this.rpcMetrics = rpcMetrics;
        this.serviceVersion = serviceVersion;
    }

    void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            Principal principal = Principals.current();
            HealthReport report = health.check(principal, request.getDatabaseId());
            HealthCheckResponse.Builder response = HealthCheckResponse.newBuilder()
                    .setSuccess(true)
                    .setHealthy(report.healthy())
                    .setStatus(report.status())
                    .setTimestamp(ProtoValues.timestamp(Instant.now()));
            if (request.getDetailed()) {
                response.setDetails(HealthDetails.of(report, serviceVersion, streamStats,
                        metrics.serviceMetrics(principal), rpcMetrics));
            }
            return response.build();
        }, error -> HealthCheckResponse.newBuilder().setSuccess(false).setHealthy(false).setError(error).build());
    }

    void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> observer) {
        UnaryCalls.answer(observer, () -> {
            if (!request.getDatabaseId().isEmpty()) {
                DatabaseMetrics database = metrics.databaseMetrics(Principals.current(), request.getDatabaseId());
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
            ServiceMetrics service = metrics.serviceMetrics(Principals.current());
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
}
