package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;

public interface PrepareStatementUseCase {

    PreparedStatementInfo prepare(TenantId tenant, String databaseRef, String sql);
}
