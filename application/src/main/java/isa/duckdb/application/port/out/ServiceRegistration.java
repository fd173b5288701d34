package isa.duckdb.application.port.out;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One instance as the registry lists it: {@code name} is the service (shared by all instances),
 * {@code id} this instance, reached at {@code address:port}, checked by {@code healthCheck}.
 */
public record ServiceRegistration(
        String name,
        String id,
        String address,
        int port,
        List<String> tags,
        Map<String, String> meta,
        GrpcHealthCheck healthCheck) {

    public ServiceRegistration {
        requireText(name, "name");
        requireText(id, "id");
        requireText(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        tags = List.copyOf(tags);
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        Objects.requireNonNull(healthCheck, "healthCheck");
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " may not be blank");
        }
    }
}
