package isa.duckdb.application.port.in;

import java.time.Duration;
import java.util.Map;

/** @param checks each check's name and its outcome ("ok" or what failed) */
public record HealthReport(boolean healthy, String status, Map<String, String> checks, int openDatabases,
        String storageBackend, Duration uptime, String engineVersion) {
}
