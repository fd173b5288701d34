package isa.duckdb.adapters.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of a JWKS ({@code ISA_CLOUD_STORAGE_DUCKDB_AUTH_JWKS}), cached. The set is fetched at first
 * use, again when it is older than {@link #REFRESH_AFTER}, and again when a token names a key id the cached set
 * lacks, but that at most once per {@link #UNKNOWN_KID_REFETCH} (so tokens with made-up key ids cannot make the
 * service hammer the key server). A failed refresh keeps the keys it had. Only public RSA and EC keys are kept:
 * symmetric ({@code oct}) keys in a JWKS are ignored, so a JWKS can never turn into an HMAC secret.
 */
final class SigningKeys {
    static final Duration REFRESH_AFTER = Duration.ofMinutes(5);
    static final Duration UNKNOWN_KID_REFETCH = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    /** Fetches the JWKS document (a file's or a URL's content). */
    @FunctionalInterface
    interface Source {
        /** @return the JSON text, or empty when unchanged since the last fetch (files) */
        Optional<String> fetch() throws IOException;
    }

    private final Source source;
    private final Clock clock;
    private List<JWK> keys;
    private Instant fetchedAt = Instant.MIN;
    private Instant lastUnknownKidFetch = Instant.MIN;

    SigningKeys(Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * Keys of the type that may carry the token's kid (all of that type when the token names none); empty when none.
     * UNAVAILABLE when no key set could ever be fetched.
     */
    synchronized List<JWK> candidates(Optional<String> kid, KeyType type) {
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(REFRESH_AFTER))) {
            refresh(now);
        }
        List<JWK> found = matching(kid, type);
        if (found.isEmpty() && kid.isPresent() && !now.isBefore(lastUnknownKidFetch.plus(UNKNOWN_KID_REFETCH))) {
            lastUnknownKidFetch = now;
            refresh(now);
            found = matching(kid, type);
        }
        return found;
    }

    private List<JWK> matching(Optional<String> kid, KeyType type) {
        return keys.stream()
                .filter(k -> k.getKeyType().equals(type))
                .filter(k -> kid.isEmpty() || kid.get().equals(k.getKeyID()))
                .toList();
    }

    private void refresh(Instant now) {
        try {
            Optional<String> text = source.fetch();
            if (text.isPresent()) {
                keys = JWKSet.parse(text.get()).toPublicJWKSet().getKeys().stream()
                        .filter(k -> k.getKeyType().equals(KeyType.RSA) || k.getKeyType().equals(KeyType.EC))
                        .toList();
            }
            fetchedAt = now;
        } catch (IOException | ParseException | RuntimeException e) {
            if (keys == null) {
                throw new ServiceException(ErrorKind.UNAVAILABLE, "the token signing keys (JWKS) could not be loaded", e);
            }
            LOG.warn("Refreshing the JWKS failed ({}); the keys fetched before stay in use", e.getClass().getSimpleName());
            fetchedAt = now;
        }
    }
}
