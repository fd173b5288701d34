package isa.duckdb.application.port.out;

import java.util.Objects;

/**
 * An instance as ownership records name it.
 *
 * @param instanceId the instance's id (its service id in discovery, e.g. {@code duckdb-service-host-a})
 * @param address where its gRPC server is reached, {@code host:port}
 */
public record DatabaseOwner(String instanceId, String address) {
    public DatabaseOwner {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return instanceId + " at " + address;
    }
}
