package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;
import java.util.Map;

public record CreateDatabaseCommand(
        TenantId tenant,
        String name,
        String organizationId,
        String requestedBucket,
        Map<String, String> metadata,
        Map<String, String> config) {
}
