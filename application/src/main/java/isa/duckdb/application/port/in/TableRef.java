package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;

/** A table or view of a tenant's database, named as the caller named it. */
public record TableRef(Caller caller, String databaseRef, String name) {
}
