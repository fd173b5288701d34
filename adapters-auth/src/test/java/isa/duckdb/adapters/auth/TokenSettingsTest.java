package isa.duckdb.adapters.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import isa.duckdb.application.testing.ManualClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {
    @Test
    void tokenModeNeedsSomethingToVerifyWith() {
        assertThatThrownBy(() -> TokenVerifier.create(new TokenSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), new ManualClock()))
                .hasMessageContaining("needs a JWT secret, a JWKS or an API keys file");
    }

    @Test
    void aShortHs256SecretIsRefused() {
        assertThatThrownBy(() -> new TokenSettings(Optional.of("short"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).validate()).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aPlainHttpJwksIsRefused() {
        assertThatThrownBy(() -> TokenVerifier.create(new TokenSettings(Optional.empty(),
                Optional.of("http://keys.example/jwks.json"), Optional.empty(), Optional.empty(), Optional.empty()),
                new ManualClock())).hasMessageContaining("https:// URL or a file path");
    }

    @Test
    void theSecretNeverShowsInToString() {
        String secret = "a-secret-of-thirty-two-bytes-or-more!!";

        assertThat(new TokenSettings(Optional.of(secret), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()).toString()).doesNotContain(secret).contains("(set)");
    }
}
