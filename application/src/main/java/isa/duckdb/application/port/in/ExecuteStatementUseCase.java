package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;

public interface ExecuteStatementUseCase {

    /** @return rows affected by the (last) statement */
    long execute(StatementCommand command, CancellationSignal signal);
}
