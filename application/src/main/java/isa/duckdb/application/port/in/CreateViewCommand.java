package isa.duckdb.application.port.in;

/** @param replace replace a view of the same name instead of failing */
public record CreateViewCommand(TableRef view, String query, boolean replace) {
}
