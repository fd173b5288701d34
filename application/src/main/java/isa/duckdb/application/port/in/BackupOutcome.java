package isa.duckdb.application.port.in;

import java.time.Instant;

/** @param path the backup's key in the tenant's database bucket */
public record BackupOutcome(String path, long size, Instant time, String message) {
}
