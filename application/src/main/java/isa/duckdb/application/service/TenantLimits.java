package isa.duckdb.application.service;

import java.time.Duration;

/**
 * What one tenant may use (issue 12, "Limits per tenant"); exceeding one is RESOURCE_EXHAUSTED naming it.
 *
 * @param maxDatabases databases a tenant may have (CreateDatabase and RestoreDatabase beyond it are refused)
 * @param maxStoredBytes bytes a tenant's database bucket may hold before calls that add data are refused;
 *     0 for no limit
 * @param maxConcurrentCalls calls of one tenant running at once; one more is refused at once, never queued
 * @param defaultQueryTimeout the timeout of SQL work whose request sets none
 * @param maxQueryTimeout the largest {@code timeout_seconds} a request may ask for
 */
public record TenantLimits(int maxDatabases, long maxStoredBytes, int maxConcurrentCalls, Duration defaultQueryTimeout,
        Duration maxQueryTimeout) {
    /** The README's defaults: 100 databases, no byte limit, 16 calls at once, 300 s by default, 3600 s at most. */
    public static final TenantLimits DEFAULTS =
            new TenantLimits(100, 0, 16, Duration.ofSeconds(300), Duration.ofSeconds(3600));

    public TenantLimits {
        if (maxDatabases < 1 || maxStoredBytes < 0 || maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("limits must be positive (stored bytes 0 for none)");
        }
        if (defaultQueryTimeout.isNegative() || defaultQueryTimeout.isZero()
                || defaultQueryTimeout.compareTo(maxQueryTimeout) > 0) {
            throw new IllegalArgumentException("the default query timeout must be positive and at most the maximum");
        }
    }

    /** Whether stored bytes are limited at all. */
    public boolean limitsStoredBytes() {
        return maxStoredBytes > 0;
    }
}
