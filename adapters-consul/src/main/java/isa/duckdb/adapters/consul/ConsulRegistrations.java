package isa.duckdb.adapters.consul;

import isa.duckdb.application.port.out.GrpcHealthCheck;
import isa.duckdb.application.port.out.ServiceRegistration;
import java.time.Duration;
import org.kiwiproject.consul.model.agent.ImmutableRegCheck;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.kiwiproject.consul.model.agent.Registration;

/** Our registration as the body of Consul's {@code PUT /v1/agent/service/register}. */
final class ConsulRegistrations {
    private ConsulRegistrations() {
    }

    static Registration toConsul(ServiceRegistration registration) {
        return ImmutableRegistration.builder()
                .name(registration.name())
                .id(registration.id())
                .address(registration.address())
                .port(registration.port())
                .tags(registration.tags())
                .meta(registration.meta())
                .check(toConsul(registration.healthCheck()))
                .build();
    }

    private static Registration.RegCheck toConsul(GrpcHealthCheck check) {
        return ImmutableRegCheck.builder()
                .grpc(check.target())
                .grpcUseTls(false)
                .interval(consulDuration(check.interval()))
                .timeout(consulDuration(check.timeout()))
                .deregisterCriticalServiceAfter(consulDuration(check.deregisterCriticalAfter()))
                .build();
    }

    /** Consul's duration syntax: {@code 10s}, or {@code 1500ms} when not whole seconds. */
    static String consulDuration(Duration duration) {
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
