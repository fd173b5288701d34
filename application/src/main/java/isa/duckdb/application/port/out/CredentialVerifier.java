package isa.duckdb.application.port.out;

import isa.duckdb.domain.Principal;

/** Checks a bearer token (a JWT or an API key) and says whose it is. */
public interface CredentialVerifier {
    /**
     * @return the principal the token stands for
     * @throws isa.duckdb.domain.ServiceException UNAUTHENTICATED naming what is wrong (never the token itself),
     *     UNAVAILABLE when signing keys cannot be fetched
     */
    Principal verify(String token);
}
