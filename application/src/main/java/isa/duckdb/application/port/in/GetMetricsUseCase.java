package isa.duckdb.application.port.in;

public interface GetMetricsUseCase {

    ServiceMetrics serviceMetrics();

    /** @param tenantDatabase {@code {user_id}/{database id or name}} (GetMetrics carries no user_id) */
    DatabaseMetrics databaseMetrics(String tenantDatabase);
}
