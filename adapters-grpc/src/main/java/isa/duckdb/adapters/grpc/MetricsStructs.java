package isa.duckdb.adapters.grpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.LatencySummary;
import isa.duckdb.application.port.in.ServiceMetrics;
import java.util.Map;

/** GetMetrics' {@code metrics} Struct: flat, self-explaining names; times in milliseconds. */
final class MetricsStructs {
    static final String SERVICE_PREFIX = "isa.duckdb.DuckDBService/";

    private MetricsStructs() {
    }

    static Struct service(ServiceMetrics metrics, RpcMetrics rpc, StreamStats streams) {
        Struct.Builder struct = Struct.newBuilder()
                .putFields("scope", text("service"))
                .putFields("uptime_seconds", number(metrics.uptime().toSeconds()))
                .putFields("queries_total", number(metrics.queries().count()))
                .putFields("queries_failed", number(metrics.queriesFailed()));
        latency(struct, "query_time_ms_", metrics.queries());
        struct.putFields("calls_in_flight", number(rpc.inFlight()))
                .putFields("calls_total", number(rpc.calls()))
                .putFields("call_errors_total", number(rpc.errors()))
                .putFields("rpc", Value.newBuilder().setStructValue(methods(rpc.byMethod())).build())
                .putFields("rows_streamed", number(streams.rows()))
                .putFields("bytes_streamed", number(streams.bytes()))
                .putFields("chunks_streamed", number(streams.chunks()))
                .putFields("largest_chunk_bytes", number(streams.largestChunkBytes()))
                .putFields("open_databases", number(metrics.openDatabases()))
                .putFields("unsynced_databases", number(metrics.unsyncedDatabases()))
                .putFields("database_cache_hits", number(metrics.cacheHits()))
                .putFields("database_cache_misses", number(metrics.cacheMisses()))
                .putFields("syncs_total", number(metrics.syncs()))
                .putFields("sync_failures_total", number(metrics.syncFailures()));
        return struct.build();
    }

    static Struct database(DatabaseMetrics metrics) {
        Struct.Builder struct = Struct.newBuilder()
                .putFields("scope", text("database"))
                .putFields("user_id", text(metrics.tenant()))
                .putFields("database_name", text(metrics.databaseName()))
                .putFields("database_id", text(metrics.databaseId()))
                .putFields("queries_total", number(metrics.queries().count()))
                .putFields("queries_failed", number(metrics.queriesFailed()));
        latency(struct, "query_time_ms_", metrics.queries());
        struct.putFields("open", bool(metrics.open()))
                .putFields("calls_in_flight", number(metrics.callsInFlight()))
                .putFields("unsynced_changes", bool(metrics.unsyncedChanges()))
                .putFields("database_cache_hits", number(metrics.cacheHits()))
                .putFields("database_cache_misses", number(metrics.cacheMisses()))
                .putFields("syncs_total", number(metrics.syncs()))
                .putFields("sync_failures_total", number(metrics.syncFailures()));
        metrics.lastAccess().ifPresent(at -> struct.putFields("last_access", text(at.toString())));
        return struct.build();
    }

    /** Each method by its name (this service's without the service prefix): calls, errors, latency. */
    private static Struct methods(Map<String, RpcMetrics.MethodSnapshot> byMethod) {
        Struct.Builder methods = Struct.newBuilder();
        byMethod.forEach((name, snapshot) -> {
            Struct.Builder method = Struct.newBuilder()
                    .putFields("calls", number(snapshot.calls()))
                    .putFields("errors", number(snapshot.errors()));
            latency(method, "latency_ms_", snapshot.latency());
            String shown = name.startsWith(SERVICE_PREFIX) ? name.substring(SERVICE_PREFIX.length()) : name;
            methods.putFields(shown, Value.newBuilder().setStructValue(method).build());
        });
        return methods.build();
    }

    private static void latency(Struct.Builder struct, String prefix, LatencySummary latency) {
        struct.putFields(prefix + "avg", number(latency.averageMillis()))
                .putFields(prefix + "p50", number(latency.p50Millis()))
                .putFields(prefix + "p95", number(latency.p95Millis()))
                .putFields(prefix + "p99", number(latency.p99Millis()))
                .putFields(prefix + "max", number(latency.maxMillis()));
    }

    static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }

    static Value number(double number) {
        return Value.newBuilder().setNumberValue(number).build();
    }

    static Value bool(boolean value) {
        return Value.newBuilder().setBoolValue(value).build();
    }
}
