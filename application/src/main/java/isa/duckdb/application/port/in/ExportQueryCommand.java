package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;
import java.util.Map;

public record ExportQueryCommand(TenantId tenant, String databaseRef, String query, String bucketName,
        String objectKey, String format, Map<String, String> options, boolean overwrite) {
}
