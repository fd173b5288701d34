package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.GetMetricsResponse;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.HealthCheckResponse;
import isa.duckdb.api.ListViewsRequest;
import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.in.LatencySummary;
import isa.duckdb.application.port.in.ServiceMetrics;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HealthCheck and GetMetrics as an operator sees them. */
class HealthRpcsTest {
    private static final ServiceMetrics SERVICE = new ServiceMetrics(new LatencySummary(10, 2.5, 2, 4, 5, 9), 1, 2, 0,
            30, 4, 6, 0, Duration.ofSeconds(90));

    private final UseCaseStubs stubs = new UseCaseStubs();
    private final InProcessService service = InProcessService.start(stubs);

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aDetailedHealthCheckShowsEachCheckAndTheServiceVersion() {
        stubs.health.report.is(new HealthReport(false, "storage unreachable",
                Map.of("engine", "ok", "storage", "connection refused"), 2, "s3", Duration.ofMinutes(5), "v1.5.0"));
        stubs.metrics.service.is(SERVICE);

        HealthCheckResponse response = service.blocking().healthCheck(HealthCheckRequest.newBuilder()
                .setDatabaseId("alice/sales").setDetailed(true).build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getHealthy()).isFalse();
        assertThat(response.getStatus()).isEqualTo("storage unreachable");
        Struct details = response.getDetails();
        assertThat(details.getFieldsOrThrow("service_version").getStringValue()).isEqualTo(InProcessService.VERSION);
        assertThat(details.getFieldsOrThrow("storage_state").getStringValue()).isEqualTo("unreachable");
        assertThat(details.getFieldsOrThrow("checks").getStructValue().getFieldsOrThrow("storage").getStringValue())
                .isEqualTo("connection refused");
        assertThat(stubs.health.checked).containsExactly("alice/sales");
    }

    @Test
    void aPlainHealthCheckCarriesNoDetails() {
        stubs.health.report.is(new HealthReport(true, "SERVING", Map.of("engine", "ok"), 0, "s3", Duration.ZERO, "v"));

        HealthCheckResponse response = service.blocking().healthCheck(HealthCheckRequest.getDefaultInstance());

        assertThat(response.getHealthy()).isTrue();
        assertThat(response.hasDetails()).isFalse();
        assertThat(response.hasTimestamp()).isTrue();
    }

    @Test
    void getMetricsWithADatabaseIdAnswersThatDatabasesCounters() {
        stubs.metrics.database.is(new DatabaseMetrics("alice", "sales", "db-1", new LatencySummary(4, 1.5, 1, 2, 2, 3),
                0, true, 2, true, 8, 1, 3, 0, Optional.empty()));

        GetMetricsResponse response = service.blocking().getMetrics(GetMetricsRequest.newBuilder()
                .setDatabaseId("alice/sales").build());

        assertThat(response.getTotalQueries()).isEqualTo(4);
        assertThat(response.getActiveConnections()).isEqualTo(2);
        assertThat(response.getCacheHits()).isEqualTo(8);
        assertThat(response.getMetrics().getFieldsOrThrow("scope").getStringValue()).isEqualTo("database");
        assertThat(stubs.metrics.databasesAsked).containsExactly("alice/sales");
    }

    @Test
    void serviceMetricsCountEveryRpcCallAndItsErrorsByMethod() {
        stubs.metrics.service.is(SERVICE);
        stubs.views.names.is(List.of("v1"));
        service.blocking().listViews(ListViewsRequest.newBuilder().setUserId("alice").setDatabaseId("sales").build());
        stubs.views.names.fails(new ServiceException(ErrorKind.NOT_FOUND, "no such database"));
        service.blocking().listViews(ListViewsRequest.newBuilder().setUserId("alice").setDatabaseId("x").build());

        GetMetricsResponse response = service.blocking().getMetrics(GetMetricsRequest.getDefaultInstance());

        assertThat(response.getTotalQueries()).isEqualTo(10);
        Struct listViews = response.getMetrics().getFieldsOrThrow("rpc").getStructValue()
                .getFieldsOrThrow("ListViews").getStructValue();
        assertThat(listViews.getFieldsOrThrow("calls").getNumberValue()).isEqualTo(2);
        assertThat(listViews.getFieldsOrThrow("errors").getNumberValue()).isEqualTo(1);
        assertThat(response.getActiveConnections()).as("GetMetrics itself is in flight").isEqualTo(1);
    }
}
