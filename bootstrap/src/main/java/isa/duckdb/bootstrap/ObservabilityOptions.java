package isa.duckdb.bootstrap;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The flags of {@link ObservabilityConfig}, mixed into {@link ServiceCommand}. */
public final class ObservabilityOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_METRICS_PORT:-9464}",
            description = "Port of the Prometheus endpoint GET /metrics (on --host); 0 turns it off. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_METRICS_PORT. Default: ${DEFAULT-VALUE}")
    int metricsPort;

    @Option(names = "--log-format", paramLabel = "text|json",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_LOG_FORMAT:-text}",
            description = "Log lines as text or as one JSON object per line. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_LOG_FORMAT. Default: ${DEFAULT-VALUE}")
    String logFormat;

    @Option(names = "--slow-query-ms", paramLabel = "MILLISECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_SLOW_QUERY_MS:-1000}",
            description = "Calls with SQL taking at least this long also log a slow-query line with the SQL. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_SLOW_QUERY_MS. Default: ${DEFAULT-VALUE}")
    long slowQueryMillis;

    /** The validated configuration; a {@link ParameterException} naming the option otherwise. */
    ObservabilityConfig toConfig(CommandLine commandLine) {
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new ParameterException(commandLine, "--metrics-port (ISA_CLOUD_STORAGE_DUCKDB_METRICS_PORT) must be "
                    + "0..65535, got " + metricsPort);
        }
        if (slowQueryMillis < 0) {
            throw new ParameterException(commandLine, "--slow-query-ms (ISA_CLOUD_STORAGE_DUCKDB_SLOW_QUERY_MS) may "
                    + "not be negative, got " + slowQueryMillis);
        }
        LogFormat format;
        try {
            format = LogFormat.parse(logFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--log-format (ISA_CLOUD_STORAGE_DUCKDB_LOG_FORMAT): "
                    + e.getMessage());
        }
        return new ObservabilityConfig(metricsPort, format, Duration.ofMillis(slowQueryMillis));
    }
}
