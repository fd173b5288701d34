package isa.duckdb.application.port.in;

public interface CheckHealthUseCase {

    /** Runs the real checks: the engine answers a query, the object storage answers. */
    default HealthReport check() {
        return check("");
    }

    /**
     * The real checks, and, when {@code tenantDatabase} ({@code {user_id}/{database id or name}})
     * is given, whether that database opens and answers: a check named {@code database} that is
     * {@code ok} or {@code does not open}, and nothing else about it.
     */
    HealthReport check(String tenantDatabase);
}
