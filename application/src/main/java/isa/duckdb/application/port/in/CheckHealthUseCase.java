package isa.duckdb.application.port.in;

public interface CheckHealthUseCase {

    /** Runs the real checks: the engine answers a query, the object storage answers. */
    HealthReport check();
}
