package isa.duckdb.application.port.in;

/** @param bucket the namespaced bucket the object was written to */
public record ExportOutcome(long rows, long fileSize, String bucket, String objectKey) {
}
