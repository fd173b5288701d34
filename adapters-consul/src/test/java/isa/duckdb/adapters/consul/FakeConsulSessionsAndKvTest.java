package isa.duckdb.adapters.consul;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.kiwiproject.consul.Consul;

/** The fake agent's sessions and KV store held to the contract real Consul passes. */
class FakeConsulSessionsAndKvTest extends ConsulSessionsAndKvContract {
    private FakeConsulAgent agent;
    private Consul consul;

    @BeforeEach
    void start() throws IOException {
        agent = FakeConsulAgent.start();
        consul = Consul.builder().withUrl("http://127.0.0.1:" + agent.port()).withPing(false).build();
    }

    @AfterEach
    void stop() {
        consul.destroy();
        agent.close();
    }

    @Override
    protected Consul consul() {
        return consul;
    }

    @Override
    protected void passTime(Duration duration) {
        agent.advance(duration);
    }
}
