package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ListRunningQueriesRequest;
import isa.duckdb.api.QueryResultChunk;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 12, "the hostile tenant", resource exhaustion: each attack is refused with its code word or bounded, the
 * service process stays up, and another tenant's {@code SELECT 1} keeps answering while it runs. The service runs
 * as its own process (its memory limits apply to a whole process) with small bounds: a 1.5 GiB process memory limit,
 * 3 s stream idle timeout, 1 MiB uploads that may idle 2 s.
 */
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileResourcesEndToEndTest {
    /** A user-visible bound for the neighbour's SELECT 1 on a shared, busy build machine. */
    private static final Duration NEIGHBOUR_BOUND = Duration.ofSeconds(2);

    private Path data;
    private Process process;
    private ManagedChannel channel;
    private DuckDBServiceBlockingStub stub;

    @BeforeAll
    void startService() throws Exception {
        data = Files.createTempDirectory("hostile");
        int port = ConsulRegistrationEndToEndTest.freePort();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Dlogback.configurationFile=" + Paths.get(Main.class.getResource("/logback.xml").toURI()),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-path", data.resolve("service").toString(), "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--metrics-port", "0", "--memory-limit", "256MB",
                "--process-memory-limit", "1536MiB", "--stream-idle-timeout", "3", "--max-upload-size", "1MiB",
                "--upload-idle-timeout", "2");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(port) || !process.isAlive());
        assertThat(process.isAlive()).as("service running; log:%n%s", Files.readString(data.resolve("service.log")))
                .isTrue();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        stub = DuckDBServiceGrpc.newBlockingStub(channel);
        for (String tenant : List.of("mallory", "trudy", "neighbour")) {
            createDatabase(stub, tenant, "db");
            // opened now, so that the neighbour's first timed SELECT 1 does not pay for opening its database
            stub.executeQuery(query(tenant, "db", "SELECT 1").build());
        }
    }

    @AfterAll
    void stopService() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private String error(String tenant, String sql) {
        return stub.withDeadlineAfter(120, TimeUnit.SECONDS).executeQuery(query(tenant, "db", sql).build()).getError();
    }

    /** The neighbour's SELECT 1 answers within {@link #NEIGHBOUR_BOUND}, and the process is alive. */
    private void neighbourAnswers() {
        long start = System.nanoTime();
        var answer = stub.withDeadlineAfter(NEIGHBOUR_BOUND.toMillis(), TimeUnit.MILLISECONDS)
                .executeQuery(query("neighbour", "db", "SELECT 1").build());
        assertThat(answer.getRows(0).getValues(0).getIntValue()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NEIGHBOUR_BOUND);
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void queriesThatWouldOutgrowTheProcessAreRefusedWithResourceExhaustedAndTheServiceStaysUp() throws Exception {
        CompletableFuture<String> listAggregate = CompletableFuture.supplyAsync(
                () -> error("mallory", "SELECT len(list(range)) FROM range(1000000000)"));
        neighbourAnswers();

        assertThat(error("trudy", "SELECT len(range(500000000))")).startsWith("RESOURCE_EXHAUSTED: ");
        assertThat(error("trudy", "SELECT len(repeat('x', 2000000000))")).startsWith("RESOURCE_EXHAUSTED: ");
        assertThat(listAggregate.get(120, TimeUnit.SECONDS)).startsWith("RESOURCE_EXHAUSTED: ");
        neighbourAnswers();
        assertThat(error("mallory", "SELECT 42")).isEmpty();
    }

    @Test
    void deepNestingAndHugeScriptsAreRefusedWithACodeWord() {
        int deep = 100_000;

        assertThat(error("mallory", "SELECT " + "(".repeat(deep) + "1" + ")".repeat(deep)))
                .startsWith("INVALID_ARGUMENT: ");
        assertThat(error("mallory", "SELECT " + "[".repeat(deep) + "1" + "]".repeat(deep)))
                .startsWith("INVALID_ARGUMENT: ");
        assertThat(error("mallory", "SELECT 1;\n".repeat(20_000)))
                .startsWith("RESOURCE_EXHAUSTED: ").contains("10000 statements");
        assertThat(error("mallory", "SELECT 1 /*" + "x".repeat(6_000_000) + "*/"))
                .startsWith("RESOURCE_EXHAUSTED: ").contains("characters long");
        neighbourAnswers();
    }

    @Test
    void streamsTheClientNeverReadsAreEndedAfterTheIdleTimeoutAndFreeTheirSlots() throws Exception {
        ExecuteQueryRequest big = query("trudy", "db", "SELECT range, repeat('x', 100) AS pad FROM range(100000000)")
                .build();
        List<ClientCallStreamObserver<ExecuteQueryRequest>> calls = new ArrayList<>();
        List<CompletableFuture<Status>> ends = new ArrayList<>();
        var async = DuckDBServiceGrpc.newStub(channel);
        for (int i = 0; i < 16; i++) {
            CompletableFuture<Status> end = new CompletableFuture<>();
            ends.add(end);
            ClientResponseObserver<ExecuteQueryRequest, Object> neverReads = new ClientResponseObserver<>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<ExecuteQueryRequest> call) {
                    call.disableAutoRequestWithInitial(0);
                    calls.add(call);
                }

                @Override
                public void onNext(Object chunk) {
                }

                @Override
                public void onError(Throwable t) {
                    end.complete(Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    end.complete(Status.OK);
                }
            };
            if (i % 2 == 0) {
                async.executeQueryStream(big, uncheckedObserver(neverReads));
            } else {
                async.executeQueryArrow(big, uncheckedObserver(neverReads));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> running("trudy") == 16);
        neighbourAnswers();
        assertThat(error("trudy", "SELECT 1")).startsWith("RESOURCE_EXHAUSTED: ").contains("max-calls-per-tenant");

        await().atMost(Duration.ofSeconds(30)).until(() -> running("trudy") == 0);
        assertThat(error("trudy", "SELECT 1")).isEmpty();
        calls.forEach(call -> call.request(Integer.MAX_VALUE));
        Status ended = ends.get(0).get(60, TimeUnit.SECONDS);
        assertThat(ended.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(ended.getDescription()).startsWith("DEADLINE_EXCEEDED: ").contains("--stream-idle-timeout");
        neighbourAnswers();
    }

    @Test
    void anUploadLargerThanTheLimitIsRefusedAndOneThatStopsSendingIsEnded() throws Exception {
        ImportDataRequest metadata = ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder()
                .setUserId("mallory").setDatabaseId("db").setTableName("flood").setFormat("csv")).build();
        CompletableFuture<ImportDataResponse> huge = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> flood = DuckDBServiceGrpc.newStub(channel).importData(answer(huge));
        flood.onNext(metadata);
        ByteString row = ByteString.copyFromUtf8("1,2,3\n".repeat(50_000));
        for (int i = 0; i < 6 && !huge.isDone(); i++) {
            flood.onNext(ImportDataRequest.newBuilder().setChunk(row).build());
        }
        assertThat(huge.get(30, TimeUnit.SECONDS).getError()).startsWith("RESOURCE_EXHAUSTED: ")
                .contains("--max-upload-size");
        flood.onCompleted();

        CompletableFuture<ImportDataResponse> idle = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> stalled = DuckDBServiceGrpc.newStub(channel).importData(answer(idle));
        stalled.onNext(metadata);
        neighbourAnswers();
        Throwable ended = idle.handle((ok, failure) -> failure).get(30, TimeUnit.SECONDS);
        assertThat(Status.fromThrowable(ended).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(Status.fromThrowable(ended).getDescription()).contains("--upload-idle-timeout");
        assertThat(error("mallory", "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'flood'")).isEmpty();
    }

    @Test
    void oneHugeValueIsRefusedWithACodeWordInsteadOfFillingTheHeap() {
        String hugeValue = "SELECT repeat('x', 100000000) AS v";

        Iterator<ArrowResultChunk> arrow = stub.withDeadlineAfter(120, TimeUnit.SECONDS)
                .executeQueryArrow(query("mallory", "db", hugeValue).build());
        ArrowResultChunk last = arrow.next();
        while (arrow.hasNext()) {
            last = arrow.next();
        }
        Iterator<QueryResultChunk> rows = stub.withDeadlineAfter(120, TimeUnit.SECONDS)
                .executeQueryStream(query("mallory", "db", hugeValue).build());
        QueryResultChunk lastRows = rows.next();
        while (rows.hasNext()) {
            lastRows = rows.next();
        }

        assertThat(last.getError()).startsWith("RESOURCE_EXHAUSTED: ").contains("record batch");
        assertThat(lastRows.getError()).startsWith("RESOURCE_EXHAUSTED: ").contains("message limit");
        neighbourAnswers();
    }

    private int running(String tenant) {
        return stub.listRunningQueries(ListRunningQueriesRequest.newBuilder().setUserId(tenant).build())
                .getQueriesCount();
    }

    private static StreamObserver<ImportDataResponse> answer(CompletableFuture<ImportDataResponse> into) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ImportDataResponse value) {
                into.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                into.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> StreamObserver<T> uncheckedObserver(ClientResponseObserver observer) {
        return observer;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
