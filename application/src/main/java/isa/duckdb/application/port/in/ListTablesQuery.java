package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;

/** @param schemaName empty for every schema; @param nameFilter a case-insensitive part of the name, empty for all */
public record ListTablesQuery(Caller caller, String databaseRef, String schemaName, String nameFilter) {
}
