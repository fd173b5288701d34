package isa.duckdb.bootstrap;

import isa.duckdb.adapters.auth.TokenSettings;
import isa.duckdb.application.service.AuthMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The authentication and TLS flags of {@link ServiceCommand}; each defaults to its environment variable. */
final class SecurityOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--auth-mode", paramLabel = "none|token",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_AUTH_MODE:-none}",
            description = "none: user_id is trusted (anyone reaching the port may act as any tenant); token: every "
                    + "call carries 'authorization: Bearer <JWT or API key>'. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_AUTH_MODE. Default: ${DEFAULT-VALUE}")
    String authMode;

    @Option(names = "--auth-jwt-secret", paramLabel = "SECRET",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_AUTH_JWT_SECRET:-}",
            description = "HS256 secret (at least 32 bytes) for JWTs; prefer the variable (flags show in ps). "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_AUTH_JWT_SECRET")
    String jwtSecret;

    @Option(names = "--auth-jwks", paramLabel = "FILE|URL",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_AUTH_JWKS:-}",
            description = "JWKS (file path or https URL) for RS256/ES256 JWTs. Env ISA_CLOUD_STORAGE_DUCKDB_AUTH_JWKS")
    String jwks;

    @Option(names = "--auth-issuer", paramLabel = "ISS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_AUTH_ISSUER:-}",
            description = "Required iss of JWTs (empty: not checked). Env ISA_CLOUD_STORAGE_DUCKDB_AUTH_ISSUER")
    String issuer;

    @Option(names = "--auth-audience", paramLabel = "AUD",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_AUTH_AUDIENCE:-}",
            description = "Required aud of JWTs (empty: not checked). Env ISA_CLOUD_STORAGE_DUCKDB_AUTH_AUDIENCE")
    String audience;

    @Option(names = "--auth-api-keys", paramLabel = "FILE",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_AUTH_API_KEYS:-}",
            description = "API keys file: lines '<sha256 hex of key> <principal> <tenant>[,<tenant>...]'. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_AUTH_API_KEYS")
    String apiKeys;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_TLS_CERT:-}",
            description = "Server certificate chain (PEM); with --tls-key the port speaks TLS only. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_TLS_CERT")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_TLS_KEY:-}",
            description = "Server private key (PEM, PKCS#8). Env ISA_CLOUD_STORAGE_DUCKDB_TLS_KEY")
    String tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_TLS_CLIENT_CA:-}",
            description = "CA certificate(s) (PEM); when set, clients must present a certificate it signed "
                    + "(mutual TLS). Env ISA_CLOUD_STORAGE_DUCKDB_TLS_CLIENT_CA")
    String tlsClientCa;

    @Option(names = "--tls-reload-interval", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_TLS_RELOAD_INTERVAL:-60}",
            description = "Seconds between checks of the TLS files for changes (changed files are used without a "
                    + "restart). Env ISA_CLOUD_STORAGE_DUCKDB_TLS_RELOAD_INTERVAL. Default: ${DEFAULT-VALUE}")
    int tlsReloadSeconds;

    /** Validates the flags and puts them into the builder. */
    void applyTo(ServiceConfigBuilder builder) {
        AuthMode mode;
        try {
            mode = AuthMode.parse(authMode);
        } catch (IllegalArgumentException e) {
            throw fail("--auth-mode (ISA_CLOUD_STORAGE_DUCKDB_AUTH_MODE) " + e.getMessage());
        }
        Optional<Path> keysFile = optional(apiKeys).map(Path::of);
        keysFile.ifPresent(path -> require(Files.isReadable(path),
                "--auth-api-keys (ISA_CLOUD_STORAGE_DUCKDB_AUTH_API_KEYS): the file cannot be read"));
        builder.authMode(mode).tokenSettings(new TokenSettings(optional(jwtSecret), optional(jwks), optional(issuer),
                optional(audience), keysFile));
        boolean cert = !tlsCert.isBlank();
        boolean key = !tlsKey.isBlank();
        require(cert == key, "--tls-cert and --tls-key (ISA_CLOUD_STORAGE_DUCKDB_TLS_CERT/_KEY) go together");
        require(cert || tlsClientCa.isBlank(), "--tls-client-ca needs --tls-cert and --tls-key");
        require(tlsReloadSeconds >= 1, "--tls-reload-interval must be at least 1 second, got " + tlsReloadSeconds);
        if (cert) {
            Optional<Path> ca = optional(tlsClientCa).map(Path::of);
            for (Path file : new Path[] {Path.of(tlsCert), Path.of(tlsKey), ca.orElse(Path.of(tlsCert))}) {
                require(Files.isReadable(file), "TLS file " + file + " cannot be read");
            }
            builder.tls(Optional.of(new TlsConfig(Path.of(tlsCert), Path.of(tlsKey), ca,
                    Duration.ofSeconds(tlsReloadSeconds))));
        }
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw fail(message);
        }
    }

    private ParameterException fail(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
