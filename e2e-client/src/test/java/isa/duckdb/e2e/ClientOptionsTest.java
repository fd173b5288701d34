package isa.duckdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientOptionsTest {
    @TempDir
    Path folder;

    @Test
    void flagsWinOverTheEnvironment() throws Exception {
        Path ca = Files.writeString(folder.resolve("ca.pem"), "pem");

        ClientOptions options = ClientOptions.parse(new String[] {"--tls-ca", ca.toString(), "--token", "t-1",
                "db.example:7000"}, Map.of("DUCKDB_TOKEN", "t-env", "GRPC_ENDPOINT", "other:1"));

        assertThat(options.endpoint()).isEqualTo(new Endpoint("db.example", 7000));
        assertThat(options.tlsCa()).contains(ca);
        assertThat(options.token()).contains("t-1");
    }

    @Test
    void theEnvironmentFillsWhatTheFlagsLeaveOut() throws Exception {
        Path ca = Files.writeString(folder.resolve("ca.pem"), "pem");

        ClientOptions options = ClientOptions.parse(new String[0], Map.of("DUCKDB_TLS_CA", ca.toString(),
                "DUCKDB_TOKEN", "t-env", "GRPC_ENDPOINT", "127.0.0.1:9"));

        assertThat(options.endpoint()).isEqualTo(new Endpoint("127.0.0.1", 9));
        assertThat(options.tlsCa()).contains(ca);
        assertThat(options.token()).contains("t-env");
    }

    @Test
    void withoutAnythingItIsPlainTextToLocalhost() {
        ClientOptions options = ClientOptions.parse(new String[0], Map.of());

        assertThat(options.endpoint()).isEqualTo(new Endpoint("localhost", 50052));
        assertThat(options.tlsCa()).isEmpty();
        assertThat(options.token()).isEmpty();
        assertThat(options.toString()).doesNotContain("Bearer");
    }

    @Test
    void badArgumentsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> ClientOptions.parse(new String[] {"--token"}, Map.of()))
                .hasMessageContaining("--token needs a value");
        assertThatThrownBy(() -> ClientOptions.parse(new String[] {"--tls-ca", "/no/such/ca.pem"}, Map.of()))
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> ClientOptions.parse(new String[] {"--verbose"}, Map.of()))
                .hasMessageContaining("unexpected argument");
    }
}
