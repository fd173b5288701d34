package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Main} given settings that only fail while the service is put together (token mode without any way to
 * check a token, a JWT secret too short): one line saying why and exit code 1, no stack trace (README,
 * "Configuration": invalid values stop start-up with a message).
 */
class StartupErrorProcessTest {
    @TempDir
    Path data;

    private String run(String... options) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String jarLogging = "-Dlogback.configurationFile=" + Paths.get(Main.class.getResource("/logback.xml").toURI());
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", jarLogging, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--data-path", data.resolve("service").toString(), "--host", "127.0.0.1",
                "--port", "0", "--metrics-port", "0"));
        command.addAll(List.of(options));
        Path log = data.resolve("out.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        return Files.readString(log);
    }

    @Test
    void tokenModeWithoutAnyWayToCheckTokensSaysSoWithoutAStackTrace() throws Exception {
        String output = run("--auth-mode", "token");

        assertThat(output).contains("Could not start: auth mode token needs").doesNotContain("Exception in thread")
                .doesNotContain("\tat ");
    }

    @Test
    void aServerRefusedByTheDataPathLockSaysWhyAndReportsNoShutdownOrSync() throws Exception {
        try (DataPathLock held = DataPathLock.acquire(data.resolve("service"))) {
            String output = run();

            assertThat(output).contains("Could not start: the data path (--data-path) is in use by another running "
                    + "server").doesNotContain("Shutting down").doesNotContain("Stopped");
        }
    }

    @Test
    void aShortJwtSecretIsRefusedWithoutEchoingIt() throws Exception {
        String output = run("--auth-mode", "token", "--auth-jwt-secret", "short-secret-xyz");

        assertThat(output).contains("Could not start:").doesNotContain("short-secret-xyz")
                .doesNotContain("\tat ");
    }
}
