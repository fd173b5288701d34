package isa.duckdb.application.port.in;

import java.util.List;

public record PreparedStatementInfo(String statementId, List<String> parameterTypes) {
}
