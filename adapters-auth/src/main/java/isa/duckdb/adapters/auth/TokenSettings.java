package isa.duckdb.adapters.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What tokens are checked against (README, "Authentication"): an HS256 secret
 * ({@code ISA_CLOUD_STORAGE_DUCKDB_AUTH_JWT_SECRET}), a JWKS for RS256/ES256 ({@code _AUTH_JWKS}, https URL or
 * file path), the required issuer and audience ({@code _AUTH_ISSUER}, {@code _AUTH_AUDIENCE}) and an API keys
 * file ({@code _AUTH_API_KEYS}). {@link #toString()} never shows the secret.
 */
public record TokenSettings(Optional<String> jwtSecret, Optional<String> jwks, Optional<String> issuer,
        Optional<String> audience, Optional<Path> apiKeysFile) {
    /** HS256 needs a key of at least 256 bits (RFC 7518, section 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    Optional<byte[]> hmacSecret() {
        return jwtSecret.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** IllegalArgumentException saying what is wrong. */
    void validate() {
        if (jwtSecret.isEmpty() && jwks.isEmpty() && apiKeysFile.isEmpty()) {
            throw new IllegalArgumentException("auth mode token needs a JWT secret, a JWKS or an API keys file");
        }
        if (hmacSecret().map(b -> b.length < MIN_SECRET_BYTES).orElse(false)) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes (HS256)");
        }
    }

    @Override
    public String toString() {
        return "TokenSettings[jwtSecret=" + (jwtSecret.isPresent() ? "(set)" : "(none)") + ", jwks=" + jwks
                + ", issuer=" + issuer + ", audience=" + audience + ", apiKeysFile=" + apiKeysFile + "]";
    }
}
