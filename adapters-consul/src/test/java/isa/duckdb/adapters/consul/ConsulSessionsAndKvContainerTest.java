package isa.duckdb.adapters.consul;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.kiwiproject.consul.Consul;
import org.testcontainers.consul.ConsulContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The session and KV contract against a real Consul agent in a container; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ConsulSessionsAndKvContainerTest extends ConsulSessionsAndKvContract {
    private static final int HTTP_PORT = 8500;

    @Container
    private static final ConsulContainer CONSUL = new ConsulContainer("hashicorp/consul:1.21");

    private Consul consul;

    @BeforeEach
    void connect() {
        consul = Consul.builder().withUrl("http://" + CONSUL.getHost() + ":" + CONSUL.getMappedPort(HTTP_PORT)).build();
    }

    @AfterEach
    void disconnect() {
        consul.destroy();
    }

    @Override
    protected Consul consul() {
        return consul;
    }

    @Override
    protected void passTime(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
