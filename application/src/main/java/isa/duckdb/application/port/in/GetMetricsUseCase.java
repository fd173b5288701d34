package isa.duckdb.application.port.in;

import isa.duckdb.domain.Principal;

public interface GetMetricsUseCase {
    /** The service's counters; only an administrator may see them (PERMISSION_DENIED otherwise). */
    ServiceMetrics serviceMetrics(Principal principal);

    /**
     * One database's counters; the principal must be allowed to act as its tenant.
     *
     * @param tenantDatabase {@code {user_id}/{database id or name}} (GetMetrics carries no user_id)
     */
    DatabaseMetrics databaseMetrics(Principal principal, String tenantDatabase);
}
