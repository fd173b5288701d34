package isa.duckdb.application.port.in;

import isa.duckdb.domain.TableDescription;

/** @param created false when the table existed already and {@code if_not_exists} was set */
public record CreatedTable(boolean created, TableDescription table) {
}
