package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import isa.duckdb.domain.Value;
import java.util.Map;

/**
 * @param sql the query, or empty when {@code statementId} names a prepared statement
 * @param maxRows 0 for no row limit
 * @param timeoutSeconds 0 for none
 */
public record QueryCommand(
        Caller caller,
        String databaseRef,
        String sql,
        String statementId,
        Map<String, Value> parameters,
        int maxRows,
        int timeoutSeconds) {
}
