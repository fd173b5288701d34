package isa.duckdb.bootstrap;

import isa.duckdb.application.service.TenantLimits;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The per-tenant limit flags of {@link ServiceCommand} (README, "Limits per tenant"). */
final class LimitOptions {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]I?B|B)?");
    private static final Map<String, Long> UNITS = Map.of("B", 1L, "KB", 1_000L, "MB", 1_000_000L,
            "GB", 1_000_000_000L, "TB", 1_000_000_000_000L, "KIB", 1L << 10, "MIB", 1L << 20, "GIB", 1L << 30,
            "TIB", 1L << 40);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-databases-per-tenant", paramLabel = "N",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_DATABASES_PER_TENANT:-100}",
            description = "Databases one tenant may have. Env ISA_CLOUD_STORAGE_DUCKDB_MAX_DATABASES_PER_TENANT. "
                    + "Default: ${DEFAULT-VALUE}")
    int maxDatabases;

    @Option(names = "--max-stored-bytes-per-tenant", paramLabel = "SIZE",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_STORED_BYTES_PER_TENANT:-0}",
            description = "Bytes one tenant's database bucket may hold before calls adding data are refused, e.g. "
                    + "10GB or 512MiB; 0 for no limit. Env ISA_CLOUD_STORAGE_DUCKDB_MAX_STORED_BYTES_PER_TENANT. "
                    + "Default: ${DEFAULT-VALUE}")
    String maxStoredBytes;

    @Option(names = "--max-calls-per-tenant", paramLabel = "N",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_CALLS_PER_TENANT:-16}",
            description = "Calls of one tenant running at once; one more is refused with RESOURCE_EXHAUSTED. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_MAX_CALLS_PER_TENANT. Default: ${DEFAULT-VALUE}")
    int maxCalls;

    @Option(names = "--default-query-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_DEFAULT_QUERY_TIMEOUT:-300}",
            description = "Timeout of SQL work whose request sets no timeout_seconds. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_DEFAULT_QUERY_TIMEOUT. Default: ${DEFAULT-VALUE}")
    int defaultTimeoutSeconds;

    @Option(names = "--max-query-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_QUERY_TIMEOUT:-3600}",
            description = "Largest timeout_seconds a request may ask for. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_MAX_QUERY_TIMEOUT. Default: ${DEFAULT-VALUE}")
    int maxTimeoutSeconds;

    /** Validates the flags and puts them into the builder. */
    void applyTo(ServiceConfigBuilder builder) {
        require(maxDatabases >= 1, "--max-databases-per-tenant must be at least 1, got " + maxDatabases);
        require(maxCalls >= 1, "--max-calls-per-tenant must be at least 1, got " + maxCalls);
        require(defaultTimeoutSeconds >= 1, "--default-query-timeout must be at least 1 second");
        require(maxTimeoutSeconds >= defaultTimeoutSeconds,
                "--max-query-timeout must be at least --default-query-timeout (" + defaultTimeoutSeconds + ")");
        builder.tenantLimits(new TenantLimits(maxDatabases, bytes(maxStoredBytes), maxCalls,
                Duration.ofSeconds(defaultTimeoutSeconds), Duration.ofSeconds(maxTimeoutSeconds)));
    }

    private long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        require(m.matches(), "--max-stored-bytes-per-tenant must be a size such as 10GB or 0, got '" + text + "'");
        long unit = m.group(2) == null ? 1 : UNITS.get(m.group(2));
        return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
