package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.Map;

public record ExportQueryCommand(Caller caller, String databaseRef, String query, String bucketName,
        String objectKey, String format, Map<String, String> options, boolean overwrite) {
}
