package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;

/** A table or view of a tenant's database, named as the caller named it. */
public record TableRef(TenantId tenant, String databaseRef, String name) {
}
