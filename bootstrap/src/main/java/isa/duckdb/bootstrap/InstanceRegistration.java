package isa.duckdb.bootstrap;

import isa.duckdb.application.port.out.GrpcHealthCheck;
import isa.duckdb.application.port.out.ServiceRegistration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How this instance appears in service discovery (the names the Go service used). */
final class InstanceRegistration {
    static final String SERVICE_NAME = "duckdb-grpc-service";
    static final List<String> TAGS = List.of("grpc", "duckdb", "analytics");
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEREGISTER_CRITICAL_AFTER = Duration.ofSeconds(30);

    private InstanceRegistration() {
    }

    /** The registration of the instance advertised as {@code consul.advertisedHost()}, serving gRPC on {@code port}. */
    static ServiceRegistration of(ConsulConfig consul, int port) {
        String host = consul.advertisedHost();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("service_type", "duckdb");
        meta.put("version", ServiceVersion.current());
        return new ServiceRegistration(SERVICE_NAME, consul.serviceId(), host, port, TAGS, meta,
                new GrpcHealthCheck(host + ":" + port, CHECK_INTERVAL, CHECK_TIMEOUT, DEREGISTER_CRITICAL_AFTER));
    }
}
