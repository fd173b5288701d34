package isa.duckdb.application.port.in;

import isa.duckdb.domain.DatabaseDescriptor;

/** A database as callers see it: its descriptor plus where it lives and what it holds now. */
public record DatabaseView(
        DatabaseDescriptor descriptor,
        String bucket,
        String objectKey,
        long sizeBytes,
        int tableCount,
        String engineVersion) {
}
