package isa.duckdb.adapters.auth;

import isa.duckdb.application.port.out.CredentialVerifier;
import isa.duckdb.domain.Principal;
import java.util.Optional;

/**
 * The service's {@link CredentialVerifier}: a bearer token with three dot-separated parts is a JWT
 * ({@link JwtVerifier}), anything else an API key ({@link ApiKeys}). Build it with {@link #create}.
 */
public final class TokenVerifier implements CredentialVerifier {
    private final Optional<JwtVerifier> jwt;
    private final Optional<ApiKeys> apiKeys;

    TokenVerifier(Optional<JwtVerifier> jwt, Optional<ApiKeys> apiKeys) {
        this.jwt = jwt;
        this.apiKeys = apiKeys;
    }

    /**
     * @throws IllegalArgumentException when the settings cannot work (nothing to verify with, a short HMAC
     *     secret, an http:// JWKS, an API keys file that does not parse), saying what is wrong
     */
    public static TokenVerifier create(TokenSettings settings, java.time.Clock clock) {
        settings.validate();
        Optional<SigningKeys> jwks = settings.jwks().map(location -> new SigningKeys(JwksSources.of(location, clock), clock));
        Optional<JwtVerifier> jwt = settings.hmacSecret().isPresent() || jwks.isPresent()
                ? Optional.of(new JwtVerifier(settings.hmacSecret(), jwks, settings.issuer(), settings.audience(), clock))
                : Optional.empty();
        Optional<ApiKeys> apiKeys = settings.apiKeysFile().map(path -> new ApiKeys(new ChangedFile(path, clock)));
        return new TokenVerifier(jwt, apiKeys);
    }

    @Override
    public Principal verify(String token) {
        if (looksLikeJwt(token)) {
            return jwt.orElseThrow(() -> Unauthenticated.because("JWTs are not accepted here (no JWT secret or JWKS is"
                    + " configured)")).verify(token);
        }
        if (apiKeys.isEmpty()) {
            throw Unauthenticated.because("malformed token: not a JWT, and API keys are not configured");
        }
        return apiKeys.get().find(token).orElseThrow(() -> Unauthenticated.because("unknown API key"));
    }

    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
