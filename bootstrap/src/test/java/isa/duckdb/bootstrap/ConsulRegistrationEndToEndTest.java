package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import isa.duckdb.adapters.consul.ConsulPayloads;
import isa.duckdb.adapters.consul.FakeConsulAgent;
import isa.duckdb.api.HealthCheckRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole service with Consul registration on, against the fake agent on a loopback port. */
class ConsulRegistrationEndToEndTest {
    private static final String HOST = "duckdb-test-host";
    private static final String SERVICE_ID = "duckdb-service-" + HOST;

    @TempDir
    Path data;

    @Test
    void servesWhileConsulIsDownAndRegistersOnceTheAgentAppears() throws Exception {
        int agentPort = freePort();
        try (RunningService service = RunningService.start(withConsul(agentPort, Duration.ofSeconds(30)))) {
            // Longer than the adapter's own retries (~0.6 s), so registration fails and goes on in the background.
            long until = System.nanoTime() + Duration.ofMillis(2000).toNanos();
            while (System.nanoTime() < until) {
                assertThat(service.blocking().healthCheck(HealthCheckRequest.getDefaultInstance()).getHealthy())
                        .isTrue();
                Thread.sleep(100);
            }

            try (FakeConsulAgent agent = FakeConsulAgent.start(agentPort)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> agent.knows(SERVICE_ID));

                assertThat(agent.registrations()).hasSize(1);
                assertThat(ConsulPayloads.asConsulReadsIt(agent.registrations().get(0)))
                        .isEqualTo(ConsulPayloads.documentedRegistration(HOST, service.runtime.port(),
                                ServiceVersion.current()));
            }
        }
    }

    @Test
    void registersAgainWhenTheAgentForgetsTheService() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start();
             RunningService service = RunningService.start(withConsul(agent.port(), Duration.ofMillis(100)))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.knows(SERVICE_ID));

            agent.forgetAll();

            await().atMost(Duration.ofSeconds(10)).until(() -> agent.knows(SERVICE_ID));
            assertThat(agent.registrations()).hasSize(2);
            assertThat(agent.registrations().get(1)).isEqualTo(agent.registrations().get(0));
        }
    }

    @Test
    void stoppingDeregisters() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start()) {
            RunningService service = RunningService.start(withConsul(agent.port(), Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.knows(SERVICE_ID));

            service.close();

            assertThat(agent.knows(SERVICE_ID)).isFalse();
            assertThat(agent.requests()).extracting(Object::toString)
                    .endsWith("PUT /v1/agent/service/deregister/" + SERVICE_ID);
        }
    }

    private ServiceConfig withConsul(int agentPort, Duration checkInterval) {
        return RunningService.config(data, Duration.ofSeconds(30)).toBuilder().consul(new ConsulConfig(true,
                "127.0.0.1", agentPort, HOST, checkInterval, Duration.ofMillis(50), Duration.ofMillis(200))).build();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
