package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.out.GrpcHealthCheck;
import isa.duckdb.application.port.out.ServiceRegistration;
import isa.duckdb.application.port.out.InMemoryServiceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keep-registered behaviour, against the in-memory registry and a real scheduler with short delays. */
class ServiceRegistrationServiceTest {
    private static final ServiceRegistration REGISTRATION = new ServiceRegistration("duckdb-grpc-service",
            "duckdb-service-host-a", "host-a", 50052, List.of("grpc", "duckdb", "analytics"),
            Map.of("service_type", "duckdb", "version", "test"),
            new GrpcHealthCheck("host-a:50052", Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(20);

    private final InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Integer> retryRequests = new CopyOnWriteArrayList<>();
    private final ServiceRegistrationService service = new ServiceRegistrationService(registry, scheduler,
            failures -> {
                retryRequests.add(failures);
                return Duration.ofMillis(5);
            }, CHECK_INTERVAL);

    @AfterEach
    void stopScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void registersInTheBackground() {
        service.start(REGISTRATION);

        await().atMost(Duration.ofSeconds(5)).until(service::isRegistered);
        assertThat(registry.registration("duckdb-service-host-a")).hasValue(REGISTRATION);
        assertThat(retryRequests).isEmpty();
    }

    @Test
    void anUnreachableRegistryAtStartIsRetriedUntilItAnswers() {
        registry.setAvailable(false);

        service.start(REGISTRATION);
        await().atMost(Duration.ofSeconds(5)).until(() -> retryRequests.size() >= 3);
        assertThat(service.isRegistered()).isFalse();

        registry.setAvailable(true);

        await().atMost(Duration.ofSeconds(5)).until(service::isRegistered);
        assertThat(registry.registration("duckdb-service-host-a")).hasValue(REGISTRATION);
        assertThat(retryRequests).startsWith(1, 2, 3);
    }

    @Test
    void registersAgainWhenTheAgentForgetsTheService() {
        service.start(REGISTRATION);
        await().atMost(Duration.ofSeconds(5)).until(service::isRegistered);

        registry.forgetAll();

        await().atMost(Duration.ofSeconds(5)).until(() -> registry.isRegistered("duckdb-service-host-a"));
        assertThat(registry.calls()).containsSubsequence("register duckdb-service-host-a",
                "isRegistered duckdb-service-host-a", "register duckdb-service-host-a");
    }

    @Test
    void registersAgainAfterAnAgentOutageThatLostTheService() {
        service.start(REGISTRATION);
        await().atMost(Duration.ofSeconds(5)).until(service::isRegistered);

        registry.setAvailable(false);
        registry.forgetAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> !retryRequests.isEmpty());
        registry.setAvailable(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> registry.registration("duckdb-service-host-a").isPresent());
        assertThat(retryRequests).startsWith(1);
    }

    @Test
    void stopDeregistersAndNothingRunsAfterIt() throws InterruptedException {
        service.start(REGISTRATION);
        await().atMost(Duration.ofSeconds(5)).until(service::isRegistered);

        service.stop();

        assertThat(service.isRegistered()).isFalse();
        assertThat(registry.isRegistered("duckdb-service-host-a")).isFalse();
        List<String> callsAtStop = registry.calls();
        assertThat(callsAtStop).endsWith("deregister duckdb-service-host-a", "isRegistered duckdb-service-host-a");
        Thread.sleep(CHECK_INTERVAL.toMillis() * 5);
        assertThat(registry.calls()).isEqualTo(callsAtStop);
    }

    @Test
    void stopWithTheRegistryDownGivesUpQuietly() throws InterruptedException {
        registry.setAvailable(false);
        service.start(REGISTRATION);
        await().atMost(Duration.ofSeconds(5)).until(() -> !retryRequests.isEmpty());

        assertThatCode(service::stop).doesNotThrowAnyException();

        int attemptsAtStop = retryRequests.size();
        registry.setAvailable(true);
        Thread.sleep(CHECK_INTERVAL.toMillis() * 5);
        assertThat(retryRequests).hasSize(attemptsAtStop);
        assertThat(registry.registrations()).isEmpty();
    }

    @Test
    void stopBeforeStartDoesNothing() {
        service.stop();

        assertThat(registry.calls()).isEmpty();
    }
}
