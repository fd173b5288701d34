package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.service.AuthMode;
import isa.duckdb.application.service.TenantLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The auth, TLS and limit flags of the command line: defaults, parsing, refusals naming the option. */
class SecurityOptionsTest {
    @TempDir
    Path folder;

    @Test
    void theDefaultsAreAuthModeNonePlainTextAndTheReadmesLimits() {
        ServiceConfig config = parse();

        assertThat(config.authMode()).isEqualTo(AuthMode.NONE);
        assertThat(config.tls()).isEmpty();
        assertThat(config.tenantLimits()).isEqualTo(TenantLimits.DEFAULTS);
    }

    @Test
    void tokenModeAndItsSettingsAreRead() throws Exception {
        Path keys = Files.writeString(folder.resolve("keys"), "# none yet\n");

        ServiceConfig config = parse("--auth-mode", "token", "--auth-jwt-secret", "s".repeat(32), "--auth-issuer",
                "https://issuer", "--auth-audience", "duckdb", "--auth-api-keys", keys.toString());

        assertThat(config.authMode()).isEqualTo(AuthMode.TOKEN);
        assertThat(config.tokenSettings().issuer()).contains("https://issuer");
        assertThat(config.tokenSettings().apiKeysFile()).contains(keys);
        assertThat(config.toString()).doesNotContain("s".repeat(32));
    }

    @Test
    void limitsAcceptSizesWithUnits() {
        TenantLimits limits = parse("--max-stored-bytes-per-tenant", "2GiB", "--max-calls-per-tenant", "4",
                "--max-databases-per-tenant", "7", "--default-query-timeout", "30", "--max-query-timeout", "60")
                .tenantLimits();

        assertThat(limits).isEqualTo(new TenantLimits(7, 2L << 30, 4, Duration.ofSeconds(30), Duration.ofSeconds(60)));
    }

    @Test
    void tlsFilesAreRead() throws Exception {
        Path cert = Files.writeString(folder.resolve("c.pem"), "x");
        Path key = Files.writeString(folder.resolve("k.pem"), "x");

        TlsConfig tls = parse("--tls-cert", cert.toString(), "--tls-key", key.toString(), "--tls-client-ca",
                cert.toString()).tls().orElseThrow();

        assertThat(tls.clientCa()).contains(cert);
        assertThat(tls.reloadInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void badValuesStopStartUpNamingTheOption() {
        assertThat(refusal("--auth-mode", "jwt")).contains("--auth-mode (ISA_CLOUD_STORAGE_DUCKDB_AUTH_MODE)");
        assertThat(refusal("--tls-cert", "/no/cert.pem")).contains("--tls-cert and --tls-key");
        assertThat(refusal("--max-stored-bytes-per-tenant", "lots")).contains("--max-stored-bytes-per-tenant");
        assertThat(refusal("--default-query-timeout", "600", "--max-query-timeout", "60"))
                .contains("--max-query-timeout");
        assertThat(refusal("--max-calls-per-tenant", "0")).contains("--max-calls-per-tenant");
    }

    @Test
    void onlyLoopbackAddressesCountAsLoopback() {
        assertThat(LoopbackAddress.is("127.0.0.1")).isTrue();
        assertThat(LoopbackAddress.is("::1")).isTrue();
        assertThat(LoopbackAddress.is("0.0.0.0")).isFalse();
    }

    private static ServiceConfig parse(String... args) {
        CommandLine commandLine = new CommandLine(new ServiceCommand());
        assertThat(commandLine.execute(args)).isZero();
        return commandLine.getExecutionResult();
    }

    private static String refusal(String... args) {
        StringWriter errors = new StringWriter();
        int exit = new CommandLine(new ServiceCommand()).setErr(new PrintWriter(errors)).execute(args);
        assertThat(exit).isNotZero();
        return errors.toString();
    }
}
