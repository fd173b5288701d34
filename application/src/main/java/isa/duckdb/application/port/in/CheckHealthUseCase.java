package isa.duckdb.application.port.in;

import isa.duckdb.domain.Principal;

public interface CheckHealthUseCase {
    /** Runs the real checks: the engine answers a query, the object storage answers. Anyone may ask. */
    default HealthReport check() {
        return check(Principal.anonymous(), "");
    }

    /**
     * The real checks, and, when {@code tenantDatabase} ({@code {user_id}/{database id or name}})
     * is given, whether that database opens and answers: a check named {@code database} that is
     * {@code ok} or {@code does not open}, and nothing else about it. Asking about a database needs a
     * principal that may act as its tenant (PERMISSION_DENIED, or UNAUTHENTICATED without a token).
     */
    HealthReport check(Principal principal, String tenantDatabase);
}
