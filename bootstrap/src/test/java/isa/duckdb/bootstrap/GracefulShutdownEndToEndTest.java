package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import isa.duckdb.adapters.consul.FakeConsulAgent;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.QueryResultChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stop order, observed from outside: when the deregistration reaches the agent, health already
 * says NOT_SERVING, the server still answers and the dirty database has not been written back; then
 * new calls are refused while a call started before keeps streaming to its end; then the final sync.
 */
class GracefulShutdownEndToEndTest {
    private static final String HOST = "shutdown-host";
    private static final String SERVICE_ID = "duckdb-service-" + HOST;
    private static final long ROWS = 3_000_000;

    @TempDir
    Path data;

    @Test
    void notServingAndDeregisteredBeforeCallsAreRefusedThenDrainedThenSynced() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start();
             RunningService service = RunningService.start(RunningService.config(data, Duration.ofHours(1))
                     .toBuilder()
                     .consul(new ConsulConfig(true, "127.0.0.1", agent.port(), HOST, Duration.ofSeconds(30),
                             Duration.ofMillis(50), Duration.ofMillis(200)))
                     .build())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.knows(SERVICE_ID));
            createDatabase(service.blocking(), "ada", "ledger");
            Path stored = data.resolve("storage/user-ada-duckdb/ledger.duckdb");
            long storedBefore = Files.size(stored);
            ok(service.blocking(), "ada", "ledger", "CREATE TABLE entries AS SELECT i, 'entry ' || i AS note FROM range(200000) t(i)");

            Iterator<QueryResultChunk> inFlight = service.blocking().executeQueryStream(
                    query("ada", "ledger", "SELECT i FROM range(" + ROWS + ") t(i)").build());
            long rows = inFlight.next().getRowsCount();

            List<String> events = new CopyOnWriteArrayList<>();
            agent.onDeregister(() -> {
                events.add("deregister");
                events.add("health " + standardHealth(service.channel));
                events.add("synced " + (size(stored) != storedBefore));
            });
            Thread stopper = new Thread(service.runtime::stop, "test-stop");
            stopper.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> newCallIsRefused(service.runtime.port()));
            events.add("new calls refused");
            assertThat(stopper.isAlive()).as("stop waits for the running call").isTrue();

            while (inFlight.hasNext()) {
                rows += inFlight.next().getRowsCount();
            }
            events.add("in-flight call streamed " + rows + " rows");
            stopper.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(stopper.isAlive()).isFalse();
            events.add("stopped, synced " + (size(stored) != storedBefore));

            assertThat(events).containsExactly(
                    "deregister",
                    "health NOT_SERVING",
                    "synced false",
                    "new calls refused",
                    "in-flight call streamed " + ROWS + " rows",
                    "stopped, synced true");
            assertThat(agent.knows(SERVICE_ID)).isFalse();
        }
    }

    private static String standardHealth(ManagedChannel channel) {
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(io.grpc.health.v1.HealthCheckRequest.newBuilder().setService("").build())
                    .getStatus().name();
        } catch (StatusRuntimeException e) {
            return "call failed: " + e.getStatus().getCode();
        }
    }

    private static boolean newCallIsRefused(int port) throws InterruptedException {
        ManagedChannel fresh = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            DuckDBServiceGrpc.newBlockingStub(fresh).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .healthCheck(HealthCheckRequest.getDefaultInstance());
            return false;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.UNAVAILABLE;
        } finally {
            fresh.shutdownNow();
            fresh.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
