package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;

/** @param page 1-based; 0 means the first page. @param pageSize 0 means the default. */
public record ListDatabasesQuery(Caller caller, String organizationId, String nameFilter, int page, int pageSize) {
}
