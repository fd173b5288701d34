package isa.duckdb.adapters.auth;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import isa.duckdb.domain.Principal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a JWT (issue 12): HS256 against the configured secret, RS256 and ES256 (P-256) against the JWKS; any
 * other algorithm, {@code alg: none} and encrypted tokens are refused. The algorithm picks the kind of key and
 * the key must be of that kind (an RS256 token is never checked with the HMAC secret, an HS256 token never with a
 * JWKS key), which closes algorithm confusion. Claims: {@code exp} required, {@code nbf} honoured, both with
 * {@link #LEEWAY}; {@code iss} and {@code aud} must match when configured; {@code sub} names the principal, the
 * {@code orgs} and {@code roles} arrays (optional) its organizations and roles.
 */
final class JwtVerifier {
    static final Duration LEEWAY = Duration.ofSeconds(60);

    private final Optional<byte[]> hmacSecret;
    private final Optional<SigningKeys> jwks;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Clock clock;

    JwtVerifier(Optional<byte[]> hmacSecret, Optional<SigningKeys> jwks, Optional<String> issuer,
            Optional<String> audience, Clock clock) {
        this.hmacSecret = hmacSecret.map(byte[]::clone);
        this.jwks = jwks;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    Principal verify(String token) {
        SignedJWT jwt = parse(token);
        if (!verifiers(jwt.getHeader()).stream().anyMatch(v -> verifies(jwt, v))) {
            throw Unauthenticated.because("bad signature: the token is not signed by a trusted key");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw Unauthenticated.because("malformed token: its claims are not a JSON object", e);
        }
        checkTimes(claims);
        checkIssuerAndAudience(claims);
        return Principal.user(claims.getSubject(), listClaim(claims, "orgs"), listClaim(claims, "roles"));
    }

    private static SignedJWT parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw Unauthenticated.because("malformed token: a JWT has three dot-separated parts");
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException e) {
            throw Unauthenticated.because("malformed token: its header is not valid", e);
        }
        if (Algorithm.NONE.equals(header.getAlgorithm())) {
            throw Unauthenticated.because("unsigned token (alg none) refused");
        }
        if (!(header instanceof JWSHeader)) {
            throw Unauthenticated.because("encrypted tokens are not accepted; send a signed JWT");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw Unauthenticated.because("malformed token: it is not a signed JWT", e);
        }
    }

    /** Verifiers for the header's algorithm, each built from a key of the kind that algorithm needs. */
    private List<JWSVerifier> verifiers(JWSHeader header) {
        JWSAlgorithm algorithm = header.getAlgorithm();
        List<JWSVerifier> verifiers = new ArrayList<>();
        try {
            if (JWSAlgorithm.HS256.equals(algorithm) && hmacSecret.isPresent()) {
                verifiers.add(new MACVerifier(hmacSecret.get()));
            } else if (JWSAlgorithm.RS256.equals(algorithm) && jwks.isPresent()) {
                for (JWK key : keys(header, KeyType.RSA)) {
                    verifiers.add(new RSASSAVerifier((RSAKey) key));
                }
            } else if (JWSAlgorithm.ES256.equals(algorithm) && jwks.isPresent()) {
                for (JWK key : keys(header, KeyType.EC)) {
                    if (Curve.P_256.equals(((ECKey) key).getCurve())) {
                        verifiers.add(new ECDSAVerifier((ECKey) key));
                    }
                }
            } else {
                throw Unauthenticated.because("token algorithm " + algorithm.getName() + " is not accepted here");
            }
        } catch (JOSEException e) {
            throw Unauthenticated.because("bad signature: the token's key cannot verify it", e);
        }
        return verifiers;
    }

    private List<JWK> keys(JWSHeader header, KeyType type) {
        List<JWK> keys = jwks.orElseThrow().candidates(Optional.ofNullable(header.getKeyID()), type);
        if (keys.isEmpty()) {
            throw Unauthenticated.because("unknown signing key: the JWKS has no " + type + " key with the token's key id");
        }
        return keys;
    }

    private static boolean verifies(SignedJWT jwt, JWSVerifier verifier) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw Unauthenticated.because("the token has no expiry (exp), which is required");
        }
        if (now.minus(LEEWAY).isAfter(claims.getExpirationTime().toInstant())) {
            throw Unauthenticated.because("expired token");
        }
        if (claims.getNotBeforeTime() != null && now.plus(LEEWAY).isBefore(claims.getNotBeforeTime().toInstant())) {
            throw Unauthenticated.because("token not valid yet (nbf is in the future)");
        }
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) {
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            throw Unauthenticated.because("token issuer (iss) does not match this service's");
        }
        if (audience.isPresent() && (claims.getAudience() == null || !claims.getAudience().contains(audience.get()))) {
            throw Unauthenticated.because("token audience (aud) does not name this service");
        }
    }

    private static List<String> listClaim(JWTClaimsSet claims, String name) {
        try {
            List<String> values = claims.getStringListClaim(name);
            return values == null ? List.of() : values;
        } catch (ParseException e) {
            throw Unauthenticated.because("malformed token: claim " + name + " must be an array of strings", e);
        }
    }
}
