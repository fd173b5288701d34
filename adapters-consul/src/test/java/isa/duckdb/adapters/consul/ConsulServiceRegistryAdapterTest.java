package isa.duckdb.adapters.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import isa.duckdb.application.port.out.GrpcHealthCheck;
import isa.duckdb.application.port.out.ServiceRegistration;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.application.port.out.ServiceRegistryContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against an in-process fake of the Consul agent's HTTP API. */
class ConsulServiceRegistryAdapterTest extends ServiceRegistryContract {
    private static final ConsulCallSettings FAST = new ConsulCallSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(2), 3, Duration.ofMillis(10));
    private static final ServiceRegistration HOST_A = new ServiceRegistration("duckdb-grpc-service",
            "duckdb-service-host-a", "host-a", 50052, List.of("grpc", "duckdb", "analytics"),
            Map.of("service_type", "duckdb", "version", "1.2.3"),
            new GrpcHealthCheck("host-a:50052", Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30)));

    private final List<AutoCloseable> resources = new ArrayList<>();
    private FakeConsulAgent agent;
    private ConsulServiceRegistryAdapter adapter;

    @BeforeEach
    void startAgent() throws IOException {
        agent = keep(FakeConsulAgent.start());
        adapter = keep(new ConsulServiceRegistryAdapter("127.0.0.1", agent.port(), FAST));
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
        return keep(new ConsulServiceRegistryAdapter("127.0.0.1", freePort(), FAST));
    }

    @Test
    void sendsTheRegistrationAsConsulDocumentsIt() {
        adapter.register(HOST_A);

        List<JsonNode> bodies = agent.registrations();
        assertThat(bodies).hasSize(1);
        assertThat(ConsulPayloads.asConsulReadsIt(bodies.get(0)))
                .isEqualTo(ConsulPayloads.documentedRegistration("host-a", 50052, "1.2.3"));
    }

    @Test
    void theBodyOnTheWireIsWhatTheClientLibraryWrites() {
        adapter.register(HOST_A);

        // The exact bytes: the library writes "Id" (Consul matches keys case-insensitively) and nulls
        // for fields it leaves unset. A library upgrade that changes this shows up here.
        assertThat(agent.registrations().get(0)).isEqualTo(ConsulPayloads.parse("""
                {"Name":"duckdb-grpc-service","Id":"duckdb-service-host-a","Address":"host-a","Port":50052,
                 "Check":{"CheckID":null,"Name":null,"Args":null,"Interval":"10s","TTL":null,"HTTP":null,"TCP":null,
                          "GRPC":"host-a:50052","GRPCUseTLS":false,"Timeout":"5s","Notes":null,
                          "DeregisterCriticalServiceAfter":"30s","TLSSkipVerify":null,"Status":null,
                          "SuccessBeforePassing":null,"FailuresBeforeCritical":null},
                 "Checks":[],"Tags":["grpc","duckdb","analytics"],"Meta":{"service_type":"duckdb","version":"1.2.3"},
                 "EnableTagOverride":null,"Weights":null}
                """));
    }

    @Test
    void talksToTheAgentEndpointsOnly() {
        adapter.register(HOST_A);
        adapter.isRegistered("duckdb-service-host-a");
        adapter.deregister("duckdb-service-host-a");

        assertThat(agent.requests()).extracting(Object::toString).containsExactly(
                "PUT /v1/agent/service/register",
                "GET /v1/agent/services",
                "PUT /v1/agent/service/deregister/duckdb-service-host-a");
    }

    @Test
    void buildingTheAdapterDoesNotContactTheAgent() {
        keep(new ConsulServiceRegistryAdapter("127.0.0.1", agent.port(), FAST));

        assertThat(agent.requests()).isEmpty();
    }

    @Test
    void aPassingAgentErrorIsRetriedWithBackoff() {
        agent.failNext(2, 500);

        adapter.register(HOST_A);

        assertThat(agent.knows("duckdb-service-host-a")).isTrue();
        assertThat(agent.registrations()).hasSize(3);
    }

    @Test
    void anAgentErrorThatOutlastsTheRetriesIsUnavailable() {
        agent.failNext(3, 503);

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> adapter.register(HOST_A));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo(
                "UNAVAILABLE: Consul agent at 127.0.0.1:" + agent.port() + " is unreachable (HTTP 503)");
        assertThat(agent.registrations()).hasSize(3);
    }

    @Test
    void aRefusalIsNotRetried() {
        agent.failNext(1, 403);

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> adapter.register(HOST_A));

        assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
        assertThat(e.getMessage()).isEqualTo("FAILED_PRECONDITION: Consul agent at 127.0.0.1:" + agent.port()
                + " refused to register duckdb-service-host-a: HTTP 403");
        assertThat(agent.registrations()).hasSize(1);
    }

    @Test
    void anUnreachableAgentIsNamedInTheError() {
        int port = freePort();
        ConsulServiceRegistryAdapter unreachable = keep(new ConsulServiceRegistryAdapter("127.0.0.1", port, FAST));

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> unreachable.register(HOST_A));

        assertThat(e.getMessage()).startsWith("UNAVAILABLE: Consul agent at 127.0.0.1:" + port + " is unreachable (")
                .contains("Connect");
    }

    @Test
    void anAgentThatForgotTheServiceSaysSo() {
        adapter.register(HOST_A);

        agent.forgetAll();

        assertThat(adapter.isRegistered("duckdb-service-host-a")).isFalse();
    }

    @Test
    void durationsUseConsulSyntax() {
        assertThat(ConsulRegistrations.consulDuration(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(ConsulRegistrations.consulDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
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
