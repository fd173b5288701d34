package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;

public interface PrepareStatementUseCase {

    PreparedStatementInfo prepare(Caller caller, String databaseRef, String sql);
}
