package isa.duckdb.adapters.auth;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;

/** UNAUTHENTICATED failures; each message says what is wrong with the token and never repeats it. */
final class Unauthenticated {
    private Unauthenticated() {
    }

    static ServiceException because(String reason) {
        return new ServiceException(ErrorKind.UNAUTHENTICATED, reason);
    }

    static ServiceException because(String reason, Throwable cause) {
        return new ServiceException(ErrorKind.UNAUTHENTICATED, reason, cause);
    }
}
