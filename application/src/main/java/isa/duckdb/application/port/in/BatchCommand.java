package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;
import java.util.List;

/** @param transactional all statements or none */
public record BatchCommand(TenantId tenant, String databaseRef, List<String> statements, boolean transactional) {
}
