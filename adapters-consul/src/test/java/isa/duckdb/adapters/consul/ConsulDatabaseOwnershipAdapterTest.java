package isa.duckdb.adapters.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.DatabaseOwnershipContract;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.kv.Value;

/** The Consul ownership adapter against the fake agent, whose sessions and KV pass the same contract as Consul. */
class ConsulDatabaseOwnershipAdapterTest extends DatabaseOwnershipContract {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration LOCK_DELAY = Duration.ofSeconds(5);
    private static final ConsulCallSettings FAST = new ConsulCallSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(2), 1, Duration.ofMillis(10));

    private final List<ConsulDatabaseOwnershipAdapter> instances = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private FakeConsulAgent agent;

    @BeforeEach
    void startAgent() throws IOException {
        agent = FakeConsulAgent.start();
    }

    @AfterEach
    void stop() {
        instances.forEach(ConsulDatabaseOwnershipAdapter::close);
        agent.close();
    }

    @Override
    protected ConsulDatabaseOwnershipAdapter instance(String instanceId, String address) {
        ConsulDatabaseOwnershipAdapter adapter = new ConsulDatabaseOwnershipAdapter("127.0.0.1", agent.port(),
                new DatabaseOwner(instanceId, address), TTL, LOCK_DELAY, FAST, clock);
        instances.add(adapter);
        return adapter;
    }

    @Override
    protected void loseSession(DatabaseOwnership instance) {
        ConsulDatabaseOwnershipAdapter adapter = (ConsulDatabaseOwnershipAdapter) instance;
        agent.invalidateSession(adapter.sessionId());
        adapter.renew();
    }

    @Override
    protected void waitOutLockDelay() {
        agent.advance(LOCK_DELAY.plusSeconds(1));
    }

    @Test
    void theOwnerKeyNamesTheInstanceAndItsAddress() {
        ConsulDatabaseOwnershipAdapter a = instance("duckdb-service-a", "10.0.0.1:50052");

        a.acquire("user-t-duckdb", "sales");

        Consul consul = Consul.builder().withUrl("http://127.0.0.1:" + agent.port()).withPing(false).build();
        try {
            Value value = consul.keyValueClient().getValue("duckdb-service/owners/user-t-duckdb/sales").orElseThrow();
            assertThat(value.getValueAsString())
                    .hasValue("{\"InstanceId\":\"duckdb-service-a\",\"Address\":\"10.0.0.1:50052\"}");
            assertThat(value.getSession()).hasValue(a.sessionId());
            assertThat(consul.sessionClient().getSessionInfo(a.sessionId()).orElseThrow().getTtl()).hasValue("10s");
        } finally {
            consul.destroy();
        }
    }

    @Test
    void renewingEveryHalfTtlKeepsTheLeasesWhileTheAgentClockRuns() {
        ConsulDatabaseOwnershipAdapter a = instance("duckdb-service-a", "10.0.0.1:50052");
        ConsulDatabaseOwnershipAdapter b = instance("duckdb-service-b", "10.0.0.2:50052");
        List<OwnershipLease> lost = new CopyOnWriteArrayList<>();
        a.onLost(lost::add);
        a.acquire("user-t-duckdb", "sales");

        for (int i = 0; i < 10; i++) {
            agent.advance(TTL.dividedBy(2));
            clock.advance(TTL.dividedBy(2));
            a.renew();
        }

        assertThat(lost).isEmpty();
        assertThat(b.acquire("user-t-duckdb", "sales").heldBy()).hasValue(a.self());
    }

    @Test
    void aSessionTheAgentLetExpireLosesItsLeases() {
        ConsulDatabaseOwnershipAdapter a = instance("duckdb-service-a", "10.0.0.1:50052");
        List<OwnershipLease> lost = new CopyOnWriteArrayList<>();
        a.onLost(lost::add);
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        agent.advance(TTL.multipliedBy(2));
        a.renew();

        assertThat(lost).containsExactly(lease);
    }

    @Test
    void leasesNotConfirmedForAWholeTtlAreGivenUpEvenWhileTheAgentIsUnreachable() {
        ConsulDatabaseOwnershipAdapter a = instance("duckdb-service-a", "10.0.0.1:50052");
        List<OwnershipLease> lost = new CopyOnWriteArrayList<>();
        a.onLost(lost::add);
        OwnershipLease lease = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();

        agent.failNext(1, 503);
        clock.advance(TTL.dividedBy(2));
        a.renew();
        assertThat(lost).as("one failed renewal within the TTL").isEmpty();

        agent.failNext(1, 503);
        clock.advance(TTL.dividedBy(2));
        a.renew();
        assertThat(lost).containsExactly(lease);
    }

    @Test
    void anAcquisitionWithASessionInvalidatedUnnoticedLosesTheOldLeasesAndUsesANewSession() throws Exception {
        ConsulDatabaseOwnershipAdapter a = instance("duckdb-service-a", "10.0.0.1:50052");
        CompletableFuture<OwnershipLease> told = new CompletableFuture<>();
        a.onLost(told::complete);
        OwnershipLease sales = a.acquire("user-t-duckdb", "sales").lease().orElseThrow();
        agent.invalidateSession(a.sessionId());

        assertThat(a.acquire("user-t-duckdb", "stock").isGranted()).isTrue();

        assertThat(told.get(10, TimeUnit.SECONDS)).isEqualTo(sales);
    }

    @Test
    void anUnreachableAgentIsUnavailable() {
        ConsulDatabaseOwnershipAdapter a = instance("duckdb-service-a", "10.0.0.1:50052");
        agent.failNext(1, 503);

        ServiceException e = catchThrowableOfType(ServiceException.class, () -> a.acquire("user-t-duckdb", "sales"));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("UNAVAILABLE: could not take the owner lock of user-t-duckdb/sales at the"
                + " Consul agent at 127.0.0.1:" + agent.port());
    }
}
