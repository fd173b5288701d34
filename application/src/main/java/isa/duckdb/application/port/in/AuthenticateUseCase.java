package isa.duckdb.application.port.in;

import isa.duckdb.domain.Principal;
import java.util.Optional;

/** Establishes who calls from the call's credential (issue 12, "Authentication and authorization"). */
public interface AuthenticateUseCase {
    /**
     * @param bearerToken the token of {@code authorization: Bearer <token>}, empty when the call carries none
     * @param tokenOptional whether a call without a token is answered anyway (the basic health check)
     * @return in auth mode {@code none} the trusted principal (any token is ignored); in mode {@code token} the
     *     token's principal, or the anonymous one for a tokenless call that may go without
     * @throws isa.duckdb.domain.ServiceException UNAUTHENTICATED when the token is missing, malformed, expired,
     *     not yet valid, badly signed or unknown (the message says which and never repeats the token);
     *     UNAVAILABLE when the keys to check it cannot be fetched
     */
    Principal authenticate(Optional<String> bearerToken, boolean tokenOptional);
}
