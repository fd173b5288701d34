package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.Value;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main} with {@code --log-format json}: every line on standard output is a JSON object a tool can read. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class JsonLogProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private Process process;
    private int port;
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
    void everyLineIsJsonAndEachFinishedCallAndSlowQueryHasItsOwnFieldsWithoutParametersOrPaths() throws Exception {
        DuckDBServiceBlockingStub stub = startService("--log-format", "json", "--slow-query-ms", "0");
        createDatabase(stub, "logger", "events");
        stub.executeQuery(query("logger", "events", "SELECT $word AS w, i FROM range(3) t(i)")
                .putParameters("word", Value.newBuilder().setStringValue("hunter2-secret").build()).build());
        stub.executeQuery(query("logger", "missing", "SELECT 1").build());
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("service.log"), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.isObject()).isTrue())
                .anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("duckdb-service"))
                .anySatisfy(line -> assertThat(line.path("message").asText()).matches("Instance duckdb-service-127"
                        + "\\.0\\.0\\.1-[0-9a-f]{8} at 127\\.0\\.0\\.1:" + port + " \\(.*serving markers in storage\\),"
                        + " durability periodic"));
        List<JsonNode> calls = lines.stream().filter(l -> l.path("message").asText().equals("call finished")).toList();
        assertThat(calls).extracting(l -> l.path("rpc").asText())
                .containsExactly("CreateDatabase", "ExecuteQuery", "ExecuteQuery");
        JsonNode query = calls.get(1);
        assertThat(query.path("level").asText()).isEqualTo("INFO");
        assertThat(query.path("logger_name").asText()).isEqualTo("isa.duckdb.call");
        assertThat(query.path("call_id").asText()).matches("[0-9a-f]{16}");
        assertThat(query.path("tenant").asText()).isEqualTo("logger");
        assertThat(query.path("database").asText()).isEqualTo("events");
        assertThat(query.path("code").asText()).isEqualTo("OK");
        assertThat(query.path("rows").asLong()).isEqualTo(3);
        assertThat(query.path("duration_ms").isNumber()).isTrue();
        assertThat(calls.get(2).path("code").asText()).isEqualTo("NOT_FOUND");
        JsonNode slow = lines.stream().filter(l -> l.path("message").asText().equals("slow query"))
                .filter(l -> l.path("call_id").asText().equals(query.path("call_id").asText())).findFirst().orElseThrow();
        assertThat(slow.path("level").asText()).isEqualTo("WARN");
        assertThat(slow.path("sql").asText()).isEqualTo("SELECT $word AS w, i FROM range(3) t(i)");
        assertThat(Files.readString(data.resolve("service.log"))).doesNotContain("hunter2-secret")
                .doesNotContain(data.toString());
    }

    private DuckDBServiceBlockingStub startService(String... options) throws Exception {
        port = ConsulRegistrationEndToEndTest.freePort();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // The jar's own logging configuration, not the tests' (two logback-test.xml on the classpath make Logback
        // print a warning before any configuration applies).
        String jarLogging = "-Dlogback.configurationFile=" + Paths.get(Main.class.getResource("/logback.xml").toURI());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                jarLogging,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-path", data.resolve("service").toString(), "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--metrics-port", "0", "--sync-interval", "3600"));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(port) || !process.isAlive());
        assertThat(process.isAlive()).as("service running; log:%n%s", Files.readString(data.resolve("service.log")))
                .isTrue();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
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
