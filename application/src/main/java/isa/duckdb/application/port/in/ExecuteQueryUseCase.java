package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;

/** Runs a query and hands its rows out incrementally, for unary and streaming calls alike. */
public interface ExecuteQueryUseCase {

    /** The caller must close the returned query; rows are produced only as they are asked for. */
    OpenQuery open(QueryCommand command, CancellationSignal signal);

    /** DuckDB's plan of the query, without running it. */
    String explain(QueryCommand command, CancellationSignal signal);
}
