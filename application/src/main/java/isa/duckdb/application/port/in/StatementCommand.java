package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import isa.duckdb.domain.Value;
import java.util.Map;

public record StatementCommand(
        Caller caller,
        String databaseRef,
        String sql,
        String statementId,
        Map<String, Value> parameters,
        int timeoutSeconds) {
}
