package isa.duckdb.application.port.in;

/**
 * Another instance that serves a database now (holds its ownership lease).
 *
 * @param instanceId its id (its service id in discovery, e.g. {@code duckdb-service-host-a})
 * @param address where its gRPC server is reached, {@code host:port}
 */
public record ServingInstance(String instanceId, String address) {
}
