package isa.duckdb.adapters.grpc;

import static isa.duckdb.adapters.grpc.MetricsStructs.bool;
import static isa.duckdb.adapters.grpc.MetricsStructs.number;
import static isa.duckdb.adapters.grpc.MetricsStructs.text;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.in.ServiceMetrics;

/** The facts an operator wants from a detailed health check. */
final class HealthDetails {
    private HealthDetails() {
    }

    static Struct of(HealthReport report, String serviceVersion, StreamStats streams, ServiceMetrics metrics,
            RpcMetrics rpc) {
        Struct.Builder checks = Struct.newBuilder();
        report.checks().forEach((name, outcome) -> checks.putFields(name, text(outcome)));
        Struct.Builder details = Struct.newBuilder()
                .putFields("checks", Value.newBuilder().setStructValue(checks).build())
                .putFields("open_databases", number(report.openDatabases()))
                .putFields("unsynced_databases", number(metrics.unsyncedDatabases()))
                .putFields("storage_backend", text(report.storageBackend()))
                .putFields("storage_state", text("ok".equals(report.checks().get("storage")) ? "reachable" : "unreachable"))
                .putFields("syncs_total", number(metrics.syncs()))
                .putFields("sync_failures_total", number(metrics.syncFailures()))
                .putFields("calls_in_flight", number(rpc.inFlight()))
                .putFields("uptime_seconds", number(report.uptime().toSeconds()))
                .putFields("engine_version", text(report.engineVersion()))
                .putFields("service_version", text(serviceVersion))
                .putFields("rows_streamed", number(streams.rows()))
                .putFields("bytes_streamed", number(streams.bytes()));
        String database = report.checks().get("database");
        if (database != null) {
            details.putFields("database_opens", bool("ok".equals(database)));
        }
        return details.build();
    }
}
