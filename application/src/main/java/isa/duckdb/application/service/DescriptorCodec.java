package isa.duckdb.application.service;

import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Descriptors as small properties files (UTF-8-safe escapes), readable by an operator. A descriptor
 * that cannot be read back (broken escape, missing or malformed field) is INTERNAL: the stored
 * object is damaged, whatever the caller asked.
 */
final class DescriptorCodec {
    private static final String METADATA = "metadata.";
    private static final String CONFIG = "config.";

    private DescriptorCodec() {
    }

    static byte[] encode(DatabaseDescriptor descriptor) {
        Properties properties = new Properties();
        properties.setProperty("id", descriptor.id());
        properties.setProperty("name", descriptor.name().value());
        properties.setProperty("tenant", descriptor.tenant().id());
        properties.setProperty("organization_id", descriptor.organizationId());
        properties.setProperty("created_at", descriptor.createdAt().toString());
        properties.setProperty("last_accessed", descriptor.lastAccessed().toString());
        properties.setProperty("table_count", Integer.toString(descriptor.tableCount()));
        descriptor.metadata().forEach((k, v) -> properties.setProperty(METADATA + k, v));
        descriptor.settings().asConfig().forEach((k, v) -> properties.setProperty(CONFIG + k, v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            properties.store(out, "isa.duckdb database descriptor");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param tenant the tenant whose bucket held the descriptor; the descriptor keeps the exact tenant id it
     *     was written for, which may differ (another id mapping to the same bucket), so callers compare it
     */
    static DatabaseDescriptor decode(byte[] bytes, TenantId tenant) {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(bytes));
        } catch (IOException | IllegalArgumentException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "a database descriptor in storage is unreadable", e);
        }
        Map<String, String> metadata = new TreeMap<>();
        Map<String, String> config = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(METADATA)) {
                metadata.put(key.substring(METADATA.length()), properties.getProperty(key));
            } else if (key.startsWith(CONFIG)) {
                config.put(key.substring(CONFIG.length()), properties.getProperty(key));
            }
        }
        try {
            return new DatabaseDescriptor(
                    Objects.requireNonNull(properties.getProperty("id"), "id"),
                    DatabaseName.of(properties.getProperty("name")),
                    TenantId.of(properties.getProperty("tenant", tenant.id())),
                    properties.getProperty("organization_id", ""),
                    Instant.parse(properties.getProperty("created_at")),
                    Instant.parse(properties.getProperty("last_accessed", properties.getProperty("created_at"))),
                    metadata,
                    DatabaseSettings.fromConfig(config),
                    Integer.parseInt(properties.getProperty("table_count", "0")));
        } catch (RuntimeException e) {
            // a missing or malformed field: the stored object is damaged, not the caller's request
            throw new ServiceException(ErrorKind.INTERNAL, "a database descriptor in storage is unreadable", e);
        }
    }
}
