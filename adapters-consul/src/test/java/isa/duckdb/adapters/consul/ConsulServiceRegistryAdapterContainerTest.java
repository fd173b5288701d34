package isa.duckdb.adapters.consul;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.application.port.out.ServiceRegistryContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.health.HealthCheck;
import org.kiwiproject.consul.model.health.Service;
import org.testcontainers.consul.ConsulContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The adapter against a real Consul agent in a container; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ConsulServiceRegistryAdapterContainerTest extends ServiceRegistryContract {
    private static final int HTTP_PORT = 8500;

    @Container
    private static final ConsulContainer CONSUL = new ConsulContainer("hashicorp/consul:1.21");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private ConsulServiceRegistryAdapter adapter;

    @BeforeEach
    void connect() {
        adapter = keep(new ConsulServiceRegistryAdapter(CONSUL.getHost(), CONSUL.getMappedPort(HTTP_PORT)));
        Consul consul = directClient();
        consul.agentClient().getServices().keySet().forEach(consul.agentClient()::deregister);
        consul.destroy();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Override
    protected ServiceRegistry registry() {
        return adapter;
    }

    @Override
    protected ServiceRegistry unreachableRegistry() {
        return keep(new ConsulServiceRegistryAdapter("127.0.0.1", freePort()));
    }

    @Test
    void consulListsTheServiceWithItsTagsMetaAndGrpcCheck() {
        adapter.register(registration("duckdb-service-a", 50052));

        Consul consul = directClient();
        try {
            Service service = consul.agentClient().getServices().get("duckdb-service-a");
            assertThat(service.getService()).isEqualTo(SERVICE_NAME);
            assertThat(service.getAddress()).isEqualTo("127.0.0.1");
            assertThat(service.getPort()).isEqualTo(50052);
            assertThat(service.getTags()).containsExactly("grpc", "duckdb", "analytics");
            assertThat(service.getMeta()).containsEntry("service_type", "duckdb").containsEntry("version", "test");
            Map<String, HealthCheck> checks = consul.agentClient().getChecks();
            assertThat(checks.values()).anySatisfy(check ->
                    assertThat(check.getServiceId()).hasValue("duckdb-service-a"));
        } finally {
            consul.destroy();
        }
    }

    private static Consul directClient() {
        return Consul.builder().withUrl("http://" + CONSUL.getHost() + ":" + CONSUL.getMappedPort(HTTP_PORT)).build();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
