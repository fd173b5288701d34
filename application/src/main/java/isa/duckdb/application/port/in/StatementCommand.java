package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;
import isa.duckdb.domain.Value;
import java.util.Map;

public record StatementCommand(
        TenantId tenant,
        String databaseRef,
        String sql,
        String statementId,
        Map<String, Value> parameters,
        int timeoutSeconds) {
}
