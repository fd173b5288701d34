package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.Map;

/** @param bucketName the caller's bucket name, namespaced under its tenant */
public record ImportObjectCommand(Caller caller, String databaseRef, String table, String bucketName,
        String objectKey, String format, boolean createTable, boolean truncate, Map<String, String> options) {
}
