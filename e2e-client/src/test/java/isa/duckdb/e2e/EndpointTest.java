package isa.duckdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void hostAndPort() {
        assertThat(Endpoint.parse("127.0.0.1:40123")).isEqualTo(new Endpoint("127.0.0.1", 40123));
        assertThat(Endpoint.parse(" db.example.org:50052 ")).isEqualTo(new Endpoint("db.example.org", 50052));
    }

    @Test
    void aHostAloneGetsTheServicePort() {
        assertThat(Endpoint.parse("localhost")).isEqualTo(new Endpoint("localhost", 50052));
    }

    @Test
    void bracketedIpv6() {
        assertThat(Endpoint.parse("[::1]:7000")).isEqualTo(new Endpoint("::1", 7000));
        assertThat(Endpoint.parse("[::1]")).isEqualTo(new Endpoint("::1", 50052));
        assertThat(new Endpoint("::1", 7000)).hasToString("[::1]:7000");
        assertThat(new Endpoint("localhost", 7000)).hasToString("localhost:7000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "localhost:", "localhost:abc", "localhost:0", "localhost:65536",
        "localhost:-1", ":50052", "::1", "[::1", "[::1]50052", "localhost:1234567"})
    void rejectsWhatIsNotAnEndpoint(String text) {
        assertThatThrownBy(() -> Endpoint.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
