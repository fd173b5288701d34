package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.QueryResultChunk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} scraped while a stream is held open and after a small load. */
class PrometheusEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one series {@code series} (name and labels exactly as written), or fails. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aScrapeDuringALoadShowsCallsQueriesStreamsDatabasesStorageAndTheJvmWithoutTenantLabels() throws Exception {
        ServiceConfig config = RunningService.config(data, Duration.ofHours(1)).toBuilder()
                .observability(ObservabilityConfig.defaults().withMetricsPort(ConsulRegistrationEndToEndTest.freePort()))
                .build();
        try (RunningService service = RunningService.start(config)) {
            DuckDBServiceBlockingStub stub = service.blocking();
            int port = service.runtime.metricsPort();
            createDatabase(stub, "tenant-secret-name", "loadtest");
            ok(stub, "tenant-secret-name", "loadtest", "CREATE TABLE t AS SELECT range AS id FROM range(500000)");
            for (int i = 0; i < 5; i++) {
                select(stub, "tenant-secret-name", "loadtest", "SELECT sum(id) FROM t WHERE id % 7 = " + i);
            }
            stub.executeQuery(query("tenant-secret-name", "missing", "SELECT 1").build());
            Iterator<QueryResultChunk> tooLong = stub.executeQueryStream(query("tenant-secret-name", "loadtest",
                    "SELECT 1").setTimeoutSeconds(3601).build());
            assertThat(tooLong.next().getError()).startsWith("RESOURCE_EXHAUSTED");
            Iterator<QueryResultChunk> held = stub.executeQueryStream(query("tenant-secret-name", "loadtest",
                    "SELECT id, 'row ' || id FROM range(50000000) t(id)").build());
            assertThat(held.next().getRowsCount()).isPositive();

            HttpResponse<String> response = get(port, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            String scrape = response.body();
            assertThat(value(scrape, "grpc_server_calls_seconds_count{code=\"OK\",method=\"ExecuteQuery\"}"))
                    .isEqualTo(5);
            assertThat(value(scrape, "grpc_server_calls_seconds_count{code=\"NOT_FOUND\",method=\"ExecuteQuery\"}"))
                    .isEqualTo(1);
            assertThat(value(scrape, "grpc_server_calls_seconds_bucket{code=\"OK\",method=\"ExecuteQuery\",le=\"+Inf\"}"))
                    .isEqualTo(5);
            assertThat(value(scrape, "grpc_server_calls_in_flight")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "duckdb_calls_waiting")).isNotNegative();
            assertThat(value(scrape, "duckdb_query_duration_seconds_count{outcome=\"ok\"}")).as("1 statement, 5 queries; the stream runs")
                    .isEqualTo(6);
            assertThat(value(scrape, "duckdb_streamed_rows_total")).isPositive();
            assertThat(value(scrape, "duckdb_streamed_bytes_total")).isPositive();
            assertThat(value(scrape, "duckdb_databases_open")).isEqualTo(1);
            assertThat(value(scrape, "duckdb_databases_unsynced")).isEqualTo(1);
            assertThat(value(scrape, "duckdb_unsynced_oldest_age_seconds")).as("a number, not NaN").isBetween(0.0, 600.0);
            assertThat(value(scrape, "duckdb_syncs_total")).isEqualTo(1);
            assertThat(value(scrape, "duckdb_sync_failures_total")).isZero();
            assertThat(value(scrape, "duckdb_storage_circuit_state{state=\"closed\"}")).isEqualTo(1);
            assertThat(value(scrape, "duckdb_storage_circuit_state{state=\"open\"}")).isZero();
            assertThat(value(scrape, "duckdb_engine_memory_bytes")).isPositive();
            assertThat(value(scrape, "duckdb_tenant_limit_refusals_total{limit=\"timeout\"}")).isEqualTo(1);
            assertThat(value(scrape, "duckdb_tenant_limit_refusals_total{limit=\"calls\"}")).isZero();
            assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads")
                    .doesNotContain("tenant-secret-name").doesNotContain("loadtest").doesNotContain("SELECT");
            assertThat(get(port, "/other").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void portZeroServesNoMetrics() {
        try (RunningService service = RunningService.start(data)) {
            assertThat(service.runtime.metricsPort()).isZero();
        }
    }
}
