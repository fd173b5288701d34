package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;

public interface ExecuteBatchUseCase {

    BatchOutcome execute(BatchCommand command, CancellationSignal signal);
}
