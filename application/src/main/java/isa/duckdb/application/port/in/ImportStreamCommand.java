package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;
import java.util.Map;

/** @param totalSize bytes the client announced (0: not announced) */
public record ImportStreamCommand(TenantId tenant, String databaseRef, String table, String format, long totalSize,
        Map<String, String> options) {
}
