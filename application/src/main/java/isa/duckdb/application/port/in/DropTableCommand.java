package isa.duckdb.application.port.in;

public record DropTableCommand(TableRef table, boolean ifExists, boolean cascade) {
}
