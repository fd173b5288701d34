package isa.duckdb.application.port.out;

import java.time.Instant;

public record StoredObject(String key, long size, Instant lastModified) {
}
