package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static isa.duckdb.bootstrap.Requests.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import isa.duckdb.adapters.minio.LocalS3Server;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.QueryResultChunk;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --durability commit} (issue 13, "Durable acknowledgements"): {@link Main} in its own JVM on S3 (S3Proxy on
 * loopback) takes writes from several clients, is killed hard (SIGKILL) and its whole data path deleted; a new
 * process on a fresh data path and the same storage must hold every acknowledged row. The same run with
 * {@code periodic} durability loses them (the sync interval is an hour), which shows what the mode buys.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DurableCommitProcessTest {
    private static final String USER = "durable";
    private static final String DB = "ledger";
    private static final int CLIENTS = 6;
    private static final int INSERTS_PER_CLIENT = 30;

    @TempDir
    Path root;

    private final List<Process> processes = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        channels.forEach(ManagedChannel::shutdownNow);
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillAndTheLossOfTheDisk() throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"))) {
            Path firstDisk = root.resolve("first");
            DuckDBServiceBlockingStub first = start(s3, firstDisk, "commit");
            createDatabase(first, USER, DB);
            ok(first, USER, DB, "CREATE TABLE entries (id INTEGER, client INTEGER)");
            ok(first, USER, DB, "CREATE TABLE bulk AS SELECT i AS id, md5(i::VARCHAR) AS h FROM range(300000) t(i)");
            Set<Integer> acknowledged = insertConcurrently(first);
            ok(first, USER, DB, "DELETE FROM entries WHERE id = 0");
            acknowledged.remove(0);

            killAndLoseTheDisk(firstDisk);

            DuckDBServiceBlockingStub second = start(s3, root.resolve("second"), "commit");
            awaitServed(second);
            assertThat(ids(second)).as("every acknowledged insert, and the acknowledged delete")
                    .isEqualTo(acknowledged);
            assertThat(Files.readString(root.resolve("second.log"))).as("the rows came from replayed log segments")
                    .contains("log segment(s) of user-durable-duckdb/ledger");
            assertThat(select(second, USER, DB, "SELECT count(*)::VARCHAR FROM bulk").getRows(0).getValues(0)
                    .getStringValue()).isEqualTo("300000");
            ok(second, USER, DB, "INSERT INTO entries VALUES (100000, 99)");
            acknowledged.add(100000);

            killAndLoseTheDisk(root.resolve("second"));
            DuckDBServiceBlockingStub third = start(s3, root.resolve("third"), "periodic");
            awaitServed(third);
            assertThat(ids(third)).as("a write acknowledged after a replay survives the next loss, and an instance "
                    + "with periodic durability replays the segments a commit instance left").isEqualTo(acknowledged);
        }
    }

    @Test
    void aWriteDuringAStorageOutageIsUnavailableAndIsStoredOnceStorageAnswersAgain() throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"))) {
            Path firstDisk = root.resolve("first");
            DuckDBServiceBlockingStub first = start(s3, firstDisk, "commit");
            createDatabase(first, USER, DB);
            ok(first, USER, DB, "CREATE TABLE entries (id INTEGER, client INTEGER)");
            ok(first, USER, DB, "INSERT INTO entries VALUES (1, 0)");

            s3.stop();
            ExecuteStatementResponse during = statement(first, USER, DB, "INSERT INTO entries VALUES (2, 0)");
            assertThat(during.getSuccess()).isFalse();
            assertThat(during.getError()).startsWith("UNAVAILABLE: database 'ledger' committed the write on this "
                    + "instance, but it is not durable").contains("treat its outcome as unknown");
            ExecuteStatementResponse script = statement(first, USER, DB, "CREATE TABLE during AS SELECT 5 AS x");
            assertThat(script.getError()).as("a statement that is not grouped").startsWith("UNAVAILABLE")
                    .contains("not durable");
            List<QueryResultChunk> streamed = new ArrayList<>();
            first.executeQueryStream(Requests.query(USER, DB, "INSERT INTO entries VALUES (3, 0) RETURNING id").build())
                    .forEachRemaining(streamed::add);
            QueryResultChunk lastChunk = streamed.get(streamed.size() - 1);
            assertThat(lastChunk.getSuccess()).as("a streamed write does not end as a complete answer").isFalse();
            assertThat(lastChunk.getError()).startsWith("UNAVAILABLE").contains("not durable");
            assertThat(ids(first)).as("committed locally, readable here").containsExactlyInAnyOrder(1, 2, 3);

            s3.startAgain();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> statement(first,
                    USER, DB, "UPDATE entries SET client = 7 WHERE id = 1").getSuccess());
            killAndLoseTheDisk(firstDisk);

            DuckDBServiceBlockingStub second = start(s3, root.resolve("second"), "commit");
            awaitServed(second);
            assertThat(ids(second)).as("the writes answered UNAVAILABLE were shipped with the next one")
                    .containsExactlyInAnyOrder(1, 2, 3);
            assertThat(select(second, USER, DB, "SELECT x::VARCHAR FROM during").getRows(0).getValues(0)
                    .getStringValue()).isEqualTo("5");
        }
    }

    @Test
    void periodicDurabilityLosesWhatWasNotSyncedWhenTheDiskIsLost() throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"))) {
            Path firstDisk = root.resolve("first");
            DuckDBServiceBlockingStub first = start(s3, firstDisk, "periodic");
            createDatabase(first, USER, DB);
            ok(first, USER, DB, "CREATE TABLE entries (id INTEGER, client INTEGER)");
            insertConcurrently(first);

            killAndLoseTheDisk(firstDisk);

            DuckDBServiceBlockingStub second = start(s3, root.resolve("second"), "periodic");
            awaitServed(second);
            ExecuteStatementResponse missing = statement(second, USER, DB, "SELECT count(*) FROM entries");
            assertThat(missing.getError()).as("the table was never synced").startsWith("NOT_FOUND").contains("entries");
        }
    }

    private Set<Integer> insertConcurrently(DuckDBServiceBlockingStub stub) throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int n = 0; n < INSERTS_PER_CLIENT; n++) {
                        int id = client * INSERTS_PER_CLIENT + n;
                        if (statement(stub, USER, DB, "INSERT INTO entries VALUES (" + id + ", " + client + ")")
                                .getSuccess()) {
                            acknowledged.add(id);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(acknowledged).as("storage was up: every insert acknowledged").hasSize(CLIENTS * INSERTS_PER_CLIENT);
        return acknowledged;
    }

    /**
     * Waits until the new instance serves the database: the killed one's serving marker ({@code .serving/ledger})
     * blocks it until its heartbeat is 30 s old (README, "Several instances"); until then calls are forwarded to the
     * dead instance and answer {@code UNAVAILABLE … could not be reached; retry shortly}.
     */
    private static void awaitServed(DuckDBServiceBlockingStub stub) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsMatching(e -> e instanceof StatusRuntimeException unavailable
                        && unavailable.getStatus().getCode() == Status.Code.UNAVAILABLE)
                .until(() -> statement(stub, USER, DB, "SELECT 1").getSuccess());
    }

    private static Set<Integer> ids(DuckDBServiceBlockingStub stub) {
        return select(stub, USER, DB, "SELECT id::VARCHAR FROM entries").getRowsList().stream()
                .map(row -> Integer.valueOf(row.getValues(0).getStringValue())).collect(Collectors.toSet());
    }

    private void killAndLoseTheDisk(Path disk) throws Exception {
        Process process = processes.get(processes.size() - 1);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        try (Stream<Path> files = Files.walk(disk)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        assertThat(disk).doesNotExist();
    }

    private DuckDBServiceBlockingStub start(LocalS3Server s3, Path disk, String durability) throws Exception {
        Files.createDirectories(disk);
        int port = ConsulRegistrationEndToEndTest.freePort();
        Path log = root.resolve(disk.getFileName() + ".log");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-path", disk.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--metrics-port", "0", "--sync-interval", "3600", "--durability", durability,
                "--minio-endpoint", s3.endpoint(), "--minio-access-key", LocalS3Server.ACCESS_KEY,
                "--minio-secret-key", LocalS3Server.SECRET_KEY);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(port) || !process.isAlive());
        assertThat(process.isAlive()).as("service running; log:%n%s", Files.readString(log)).isTrue();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        channels.add(channel);
        return DuckDBServiceGrpc.newBlockingStub(channel);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
