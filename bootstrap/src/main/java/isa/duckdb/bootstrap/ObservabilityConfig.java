package isa.duckdb.bootstrap;

import java.time.Duration;

/**
 * What operators see of the service besides its RPCs (README, "Metrics and logs").
 *
 * @param metricsPort port of the Prometheus endpoint {@code GET /metrics} on the gRPC host; 0 turns it off
 * @param logFormat text or JSON lines on standard output
 * @param slowQuery calls with SQL that take at least this long also log a slow-query line with the SQL
 */
public record ObservabilityConfig(int metricsPort, LogFormat logFormat, Duration slowQuery) {
    public static final int DEFAULT_METRICS_PORT = 9464;
    public static final Duration DEFAULT_SLOW_QUERY = Duration.ofMillis(1_000);

    /** The README's defaults: metrics on 9464, text logs, slow queries from 1 s. */
    public static ObservabilityConfig defaults() {
        return new ObservabilityConfig(DEFAULT_METRICS_PORT, LogFormat.TEXT, DEFAULT_SLOW_QUERY);
    }

    /** Whether {@code GET /metrics} is served. */
    public boolean metricsEnabled() {
        return metricsPort > 0;
    }

    public ObservabilityConfig withMetricsPort(int port) {
        return new ObservabilityConfig(port, logFormat, slowQuery);
    }
}
