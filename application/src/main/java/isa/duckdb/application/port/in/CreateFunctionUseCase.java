package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;

public interface CreateFunctionUseCase {

    /** @return a sentence saying what was done */
    String create(CreateFunctionCommand command, CancellationSignal signal);
}
