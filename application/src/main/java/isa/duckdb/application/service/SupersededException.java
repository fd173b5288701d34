package isa.duckdb.application.service;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;

/**
 * An upload refused by {@link GenerationFence}: another owner (a newer lease) took the database over, so this
 * instance's copy must not replace the stored one and the database must not be served here any more.
 * FAILED_PRECONDITION.
 */
final class SupersededException extends ServiceException {

    SupersededException(String detail) {
        super(ErrorKind.FAILED_PRECONDITION, detail);
    }
}
