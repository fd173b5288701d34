package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.GetMetricsResponse;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.HealthCheckResponse;
import isa.duckdb.api.QueryResultChunk;
import java.util.Iterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObservabilityEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "olga";
    private static final String DB = "watched";

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, DB);
        createDatabase(stub, "quiet", "untouched");
        ok(stub, USER, DB, "CREATE TABLE t AS SELECT range AS id FROM range(100)");
    }

    private static GetMetricsResponse metrics(String databaseId) {
        GetMetricsResponse response = stub.getMetrics(GetMetricsRequest.newBuilder().setDatabaseId(databaseId).build());
        assertThat(response.getError()).isEmpty();
        assertThat(response.getSuccess()).isTrue();
        return response;
    }

    private static double number(Struct struct, String name) {
        return struct.getFieldsOrThrow(name).getNumberValue();
    }

    /** The method's counters; empty before its first call. */
    private static Struct rpc(GetMetricsResponse response, String method) {
        Struct methods = response.getMetrics().getFieldsOrThrow("rpc").getStructValue();
        return methods.containsFields(method) ? methods.getFieldsOrThrow(method).getStructValue()
                : Struct.newBuilder().putFields("calls", com.google.protobuf.Value.newBuilder().setNumberValue(0).build())
                        .putFields("errors", com.google.protobuf.Value.newBuilder().setNumberValue(0).build()).build();
    }

    @Test
    void getMetricsCountsTheCallersQueriesAndTheirTimes() {
        GetMetricsResponse before = metrics("");
        for (int i = 0; i < 5; i++) {
            select(stub, USER, DB, "SELECT sum(id) FROM t");
        }
        assertThat(stub.executeQuery(query(USER, DB, "SELECT * FROM missing_table").build()).getSuccess()).isFalse();
        stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .addStatements("SELECT 1").addStatements("SELECT 2").build());

        GetMetricsResponse after = metrics("");

        assertThat(after.getTotalQueries() - before.getTotalQueries()).isEqualTo(8);
        assertThat(number(after.getMetrics(), "queries_failed") - number(before.getMetrics(), "queries_failed"))
                .isEqualTo(1);
        assertThat(after.getAvgQueryTimeMs()).isPositive();
        Struct metrics = after.getMetrics();
        assertThat(number(metrics, "query_time_ms_p50")).isPositive();
        assertThat(number(metrics, "query_time_ms_p99")).isGreaterThanOrEqualTo(number(metrics, "query_time_ms_p50"));
        assertThat(number(metrics, "query_time_ms_max")).isGreaterThanOrEqualTo(number(metrics, "query_time_ms_p99"));
        assertThat(after.getActiveConnections()).isGreaterThanOrEqualTo(1);
        assertThat(after.getCacheHits()).isGreaterThan(before.getCacheHits());
        assertThat(number(metrics, "open_databases")).isGreaterThanOrEqualTo(1);
        assertThat(number(metrics, "uptime_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.getFieldsOrThrow("scope").getStringValue()).isEqualTo("service");
    }

    @Test
    void everyRpcIsCountedWithItsErrors() {
        GetMetricsResponse before = metrics("");
        select(stub, USER, DB, "SELECT 1");
        stub.executeQuery(query(USER, DB, "SELEC broken").build());
        stub.executeQuery(query(USER, "no-such-db", "SELECT 1").build());

        GetMetricsResponse after = metrics("");

        Struct was = rpc(before, "ExecuteQuery");
        Struct now = rpc(after, "ExecuteQuery");
        assertThat(number(now, "calls") - number(was, "calls")).isEqualTo(3);
        assertThat(number(now, "errors") - number(was, "errors")).isEqualTo(2);
        assertThat(number(now, "latency_ms_p95")).isPositive();
        assertThat(number(rpc(after, "GetMetrics"), "calls")).isGreaterThanOrEqualTo(1);
        assertThat(number(after.getMetrics(), "call_errors_total")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void streamedRowsAndBytesAreCounted() {
        double rowsBefore = number(metrics("").getMetrics(), "rows_streamed");
        Iterator<QueryResultChunk> chunks = stub.executeQueryStream(query(USER, DB, "SELECT * FROM range(5000)").build());
        chunks.forEachRemaining(chunk -> assertThat(chunk.getSuccess()).isTrue());

        Struct metrics = metrics("").getMetrics();

        assertThat(number(metrics, "rows_streamed") - rowsBefore).isEqualTo(5000);
        assertThat(number(metrics, "bytes_streamed")).isPositive();
    }

    @Test
    void oneDatabasesNumbersAreNamedByUserAndDatabase() {
        for (int i = 0; i < 3; i++) {
            select(stub, USER, DB, "SELECT count(*) FROM t");
        }

        GetMetricsResponse mine = metrics(USER + "/" + DB);
        GetMetricsResponse quiet = metrics("quiet/untouched");

        assertThat(mine.getTotalQueries()).isGreaterThanOrEqualTo(4);
        assertThat(mine.getAvgQueryTimeMs()).isPositive();
        assertThat(mine.getCacheHits()).isPositive();
        Struct database = mine.getMetrics();
        assertThat(database.getFieldsOrThrow("scope").getStringValue()).isEqualTo("database");
        assertThat(database.getFieldsOrThrow("database_name").getStringValue()).isEqualTo(DB);
        assertThat(database.getFieldsOrThrow("user_id").getStringValue()).isEqualTo(USER);
        assertThat(database.getFieldsOrThrow("open").getBoolValue()).isTrue();
        assertThat(quiet.getTotalQueries()).isZero();

        String id = mine.getMetrics().getFieldsOrThrow("database_id").getStringValue();
        assertThat(metrics(USER + "/" + id).getMetrics().getFieldsOrThrow("database_name").getStringValue()).isEqualTo(DB);
        assertThat(stub.getMetrics(GetMetricsRequest.newBuilder().setDatabaseId(DB).build()).getError())
                .startsWith("INVALID_ARGUMENT:");
        assertThat(stub.getMetrics(GetMetricsRequest.newBuilder().setDatabaseId("quiet/" + DB).build()).getError())
                .startsWith("NOT_FOUND:");
    }

    @Test
    void aDetailedHealthCheckTellsAnOperatorWhatRuns() {
        HealthCheckResponse response = stub.healthCheck(HealthCheckRequest.newBuilder().setDetailed(true).build());

        assertThat(response.getSuccess()).isTrue();
        assertThat(response.getHealthy()).isTrue();
        assertThat(response.getStatus()).isEqualTo("SERVING");
        Struct details = response.getDetails();
        assertThat(details.getFieldsOrThrow("checks").getStructValue().getFieldsOrThrow("engine").getStringValue())
                .isEqualTo("ok");
        assertThat(details.getFieldsOrThrow("storage_backend").getStringValue()).isEqualTo("filesystem");
        assertThat(details.getFieldsOrThrow("storage_state").getStringValue()).isEqualTo("reachable");
        assertThat(number(details, "open_databases")).isGreaterThanOrEqualTo(1);
        assertThat(details.getFieldsOrThrow("engine_version").getStringValue()).startsWith("v");
        assertThat(details.containsFields("uptime_seconds")).isTrue();
        assertThat(details.containsFields("database_opens")).isFalse();
    }

    @Test
    void aHealthCheckOfOneDatabaseSaysOnlyWhetherItOpens() {
        HealthCheckResponse opens = stub.healthCheck(HealthCheckRequest.newBuilder().setDetailed(true)
                .setDatabaseId("quiet/untouched").build());
        assertThat(opens.getHealthy()).isTrue();
        assertThat(opens.getDetails().getFieldsOrThrow("database_opens").getBoolValue()).isTrue();

        HealthCheckResponse missing = stub.healthCheck(HealthCheckRequest.newBuilder().setDetailed(true)
                .setDatabaseId("quiet/not-there").build());
        assertThat(missing.getSuccess()).isTrue();
        assertThat(missing.getHealthy()).isFalse();
        assertThat(missing.getDetails().getFieldsOrThrow("database_opens").getBoolValue()).isFalse();
        assertThat(missing.getDetails().getFieldsOrThrow("checks").getStructValue().getFieldsOrThrow("database")
                .getStringValue()).isEqualTo("does not open");
        HealthCheckResponse otherTenant = stub.healthCheck(HealthCheckRequest.newBuilder()
                .setDatabaseId("someone/" + DB).build());
        assertThat(otherTenant.getHealthy()).isFalse();

        assertThat(stub.healthCheck(HealthCheckRequest.newBuilder().setDatabaseId("untouched").build()).getError())
                .startsWith("INVALID_ARGUMENT:");
    }
}
