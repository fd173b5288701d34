package isa.duckdb.adapters.grpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import isa.duckdb.application.port.in.HealthReport;

/** The facts an operator wants from a detailed health check. */
final class HealthDetails {
    private HealthDetails() {
    }

    static Struct of(HealthReport report, String serviceVersion, StreamStats streams) {
        Struct.Builder checks = Struct.newBuilder();
        report.checks().forEach((name, outcome) -> checks.putFields(name, text(outcome)));
        return Struct.newBuilder()
                .putFields("checks", Value.newBuilder().setStructValue(checks).build())
                .putFields("open_databases", number(report.openDatabases()))
                .putFields("storage_backend", text(report.storageBackend()))
                .putFields("uptime_seconds", number(report.uptime().toSeconds()))
                .putFields("engine_version", text(report.engineVersion()))
                .putFields("service_version", text(serviceVersion))
                .putFields("rows_streamed", number(streams.rows()))
                .putFields("bytes_streamed", number(streams.bytes()))
                .build();
    }

    private static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }

    private static Value number(double number) {
        return Value.newBuilder().setNumberValue(number).build();
    }
}
