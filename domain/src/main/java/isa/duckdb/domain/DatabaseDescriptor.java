package isa.duckdb.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the service keeps about a database beside its file: identity, owner, times, labels, and
 * its table count as of the last time it was written back.
 */
public record DatabaseDescriptor(
        String id,
        DatabaseName name,
        TenantId tenant,
        String organizationId,
        Instant createdAt,
        Instant lastAccessed,
        Map<String, String> metadata,
        DatabaseSettings settings,
        int tableCount) {

    public DatabaseDescriptor {
        metadata = Map.copyOf(new TreeMap<>(metadata));
        organizationId = organizationId == null ? "" : organizationId;
    }

    public DatabaseDescriptor accessedAt(Instant when) {
        return new DatabaseDescriptor(id, name, tenant, organizationId, createdAt, when, metadata, settings, tableCount);
    }

    public DatabaseDescriptor withTableCount(int count) {
        return new DatabaseDescriptor(id, name, tenant, organizationId, createdAt, lastAccessed, metadata, settings, count);
    }
}
