package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import isa.duckdb.adapters.consul.FakeConsulAgent;
import isa.duckdb.adapters.minio.LocalS3Server;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.QueryResultChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main} in its own JVM, stopped with real signals (Process.destroy sends SIGTERM). */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ShutdownSignalProcessTest {
    private static final String HOST = "signal-host";
    private static final String SERVICE_ID = "duckdb-service-" + HOST;

    @TempDir
    Path data;
    @TempDir
    Path s3Files;

    private Process process;
    private ManagedChannel channel;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermDeregistersSyncsAndExitsWithZero() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start()) {
            DuckDBServiceBlockingStub stub = startService(agent, 30);
            createDatabase(stub, "sig", "journal");
            Path stored = data.resolve("storage/user-sig-duckdb/journal.duckdb");
            long storedBefore = Files.size(stored);
            ok(stub, "sig", "journal", "CREATE TABLE lines AS SELECT i, 'line ' || i AS text FROM range(200000) t(i)");
            List<String> seenByAgent = new CopyOnWriteArrayList<>();
            agent.onDeregister(() -> seenByAgent.add("deregister while running: " + process.isAlive()));

            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(seenByAgent).containsExactly("deregister while running: true");
            assertThat(agent.knows(SERVICE_ID)).isFalse();
            assertThat(Files.size(stored)).as("the final sync wrote the change back").isGreaterThan(storedBefore);
            assertThat(log()).contains("SIGTERM received", "Deregistered " + SERVICE_ID, "Stopped; every database was synced");
        }
    }

    @Test
    void aSecondSignalExitsAtOnceWithoutWaitingForRunningCalls() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start()) {
            DuckDBServiceBlockingStub stub = startService(agent, 300);
            createDatabase(stub, "sig", "slow");
            Iterator<QueryResultChunk> held = stub.executeQueryStream(
                    query("sig", "slow", "SELECT i FROM range(5000000) t(i)").build());
            assertThat(held.next().getRowsCount()).isPositive();

            process.destroy();
            await().atMost(Duration.ofSeconds(30)).until(() -> !agent.knows(SERVICE_ID));
            assertThat(process.waitFor(1, TimeUnit.SECONDS)).as("still draining the held call").isFalse();
            process.destroy();

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(128 + 15);
            assertThat(log()).contains("Second SIGTERM received");
        }
    }

    @Test
    void sigtermWhileStorageStaysDownPastTheGraceExitsWithOneAndNamesTheDatabase() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start(); LocalS3Server s3 = LocalS3Server.start(s3Files)) {
            DuckDBServiceBlockingStub stub = startService(agent, 2, "--minio-endpoint", s3.endpoint(),
                    "--minio-access-key", LocalS3Server.ACCESS_KEY, "--minio-secret-key", LocalS3Server.SECRET_KEY);
            createDatabase(stub, "sig", "journal");
            s3.stop();
            ok(stub, "sig", "journal", "CREATE TABLE lines AS SELECT i FROM range(10) t(i)");

            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(log()).contains("probing storage and retrying",
                    "Stopped, but 1 database(s) could not be written to storage: sig/journal")
                    .doesNotContain("every database was synced");
            assertThat(data.resolve("work/user-sig-duckdb/journal")).isDirectory();
        }
    }

    /** @param options further command-line options (storage) */
    private DuckDBServiceBlockingStub startService(FakeConsulAgent agent, int graceSeconds, String... options)
            throws Exception {
        int port = ConsulRegistrationEndToEndTest.freePort();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-path", data.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--shutdown-grace", String.valueOf(graceSeconds), "--sync-interval", "3600", "--metrics-port", "0",
                "--consul-enabled", "--consul-host", "127.0.0.1", "--consul-port", String.valueOf(agent.port())));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile());
        builder.environment().put("SERVICE_HOSTNAME", HOST);
        process = builder.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.knows(SERVICE_ID) || !process.isAlive());
        assertThat(process.isAlive()).as("service running; log:%n%s", log()).isTrue();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        return DuckDBServiceGrpc.newBlockingStub(channel);
    }

    private String log() throws Exception {
        return Files.readString(data.resolve("service.log"), StandardCharsets.UTF_8);
    }
}
