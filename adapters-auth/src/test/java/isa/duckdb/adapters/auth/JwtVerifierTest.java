package isa.duckdb.adapters.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every way a JWT is accepted or refused, with the UNAUTHENTICATED message that says why. */
class JwtVerifierTest {
    private final ManualClock clock = new ManualClock();
    private final Instant now = clock.instant();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String published = Tokens.jwks(List.of(Tokens.RSA, Tokens.EC));
    private final SigningKeys keys = new SigningKeys(() -> {
        fetches.incrementAndGet();
        return Optional.of(published);
    }, clock);
    private final JwtVerifier verifier = new JwtVerifier(Optional.of(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)),
            Optional.of(keys), Optional.empty(), Optional.empty(), clock);

    @Test
    void anHs256TokenGivesItsSubjectOrganizationsAndRoles() {
        Principal principal = verifier.verify(Tokens.hs256(Tokens.claims("alice", now)
                .claim("orgs", List.of("org-acme", "bob")).claim("roles", List.of("reader")).build()));

        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.mayActAs(TenantId.of("alice"))).isTrue();
        assertThat(principal.mayActAs(TenantId.of("org-acme"))).isTrue();
        assertThat(principal.mayActAs(TenantId.of("bob"))).as("orgs grant organization tenants only").isFalse();
        assertThat(principal.isAdmin()).isFalse();
    }

    @Test
    void rs256AndEs256TokensVerifyAgainstTheJwks() {
        assertThat(verifier.verify(Tokens.rs256(Tokens.claims("rita", now).build(), Tokens.RSA)).subject())
                .isEqualTo("rita");
        assertThat(verifier.verify(Tokens.es256(Tokens.claims("eve", now)
                .claim("roles", List.of(Principal.ADMIN_ROLE)).build(), Tokens.EC)).isAdmin()).isTrue();
    }

    @Test
    void anExpiredTokenIsRefusedAfterTheLeeway() {
        String token = Tokens.hs256(Tokens.claims("alice", now).expirationTime(Date.from(now.minusSeconds(30))).build());
        assertThat(verifier.verify(token).subject()).as("within 60 s leeway").isEqualTo("alice");

        clock.advance(Duration.ofSeconds(31));

        assertThat(refusal(token)).isEqualTo("UNAUTHENTICATED: expired token");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").build();

        assertThat(refusal(Tokens.hs256(claims))).contains("no expiry (exp)");
    }

    @Test
    void aTokenNotValidYetIsRefusedUntilItsNbfMinusTheLeeway() {
        String token = Tokens.hs256(Tokens.claims("alice", now).notBeforeTime(Date.from(now.plusSeconds(120))).build());

        assertThat(refusal(token)).isEqualTo("UNAUTHENTICATED: token not valid yet (nbf is in the future)");
        clock.advance(Duration.ofSeconds(61));
        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void aWrongSignatureIsRefused() {
        String token = Tokens.sign(new JWSHeader(JWSAlgorithm.HS256), Tokens.claims("alice", now).build(),
                Tokens.macSigner("another-secret-that-is-also-long-enough-32b"));

        assertThat(refusal(token)).startsWith("UNAUTHENTICATED: bad signature");
    }

    @Test
    void anRs256TokenSignedByAnUnpublishedKeyWithAKnownKidIsABadSignature() {
        String forged = Tokens.rs256(Tokens.claims("alice", now).build(), Tokens.generateRsa("rsa-1"));

        assertThat(refusal(forged)).startsWith("UNAUTHENTICATED: bad signature");
    }

    @Test
    void algNoneIsRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\"}").toString();
        String payload = Base64URL.encode(Tokens.claims("alice", now).build().toString()).toString();

        assertThat(refusal(header + "." + payload + ".")).isEqualTo("UNAUTHENTICATED: unsigned token (alg none) refused");
    }

    /** The classic confusion: HS256 "signed" with the RSA public key as the HMAC secret. */
    @Test
    void anHs256TokenKeyedWithThePublicRsaKeyIsRefused() throws Exception {
        byte[] publicKey = Tokens.RSA.toPublicJWK().toRSAPublicKey().getEncoded();
        String confused = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                Tokens.claims("alice", now).build(), Tokens.macSigner(publicKey));

        assertThat(refusal(confused)).startsWith("UNAUTHENTICATED: bad signature");
    }

    @Test
    void hs256IsNotAcceptedWhenOnlyAJwksIsConfigured() {
        JwtVerifier jwksOnly = new JwtVerifier(Optional.empty(), Optional.of(keys), Optional.empty(), Optional.empty(),
                clock);

        assertThatThrownBy(() -> jwksOnly.verify(Tokens.hs256(Tokens.claims("alice", now).build())))
                .hasMessage("UNAUTHENTICATED: token algorithm HS256 is not accepted here");
    }

    @Test
    void otherAlgorithmsAreRefused() {
        String token = Tokens.sign(new JWSHeader(JWSAlgorithm.HS512), Tokens.claims("alice", now).build(),
                Tokens.macSigner(Tokens.SECRET + Tokens.SECRET));

        assertThat(refusal(token)).isEqualTo("UNAUTHENTICATED: token algorithm HS512 is not accepted here");
    }

    @Test
    void issuerAndAudienceMustMatchWhenConfigured() {
        JwtVerifier strict = new JwtVerifier(Optional.of(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), Optional.of("https://issuer.example"), Optional.of("duckdb"), clock);
        JWTClaimsSet.Builder good = Tokens.claims("alice", now).issuer("https://issuer.example").audience("duckdb");

        assertThat(strict.verify(Tokens.hs256(good.build())).subject()).isEqualTo("alice");
        assertThatThrownBy(() -> strict.verify(Tokens.hs256(good.issuer("https://evil.example").build())))
                .hasMessageContaining("issuer (iss) does not match");
        assertThatThrownBy(() -> strict.verify(Tokens.hs256(good.issuer("https://issuer.example")
                .audience("other").build()))).hasMessageContaining("audience (aud) does not name this service");
    }

    @Test
    void anUnknownKidIsRefetchedAtMostOncePerMinute() {
        int afterFirstUse = fetchesAfter(() -> verifier.verify(Tokens.rs256(Tokens.claims("a", now).build(), Tokens.RSA)));
        String unknown = Tokens.rs256(Tokens.claims("a", now).build(), Tokens.generateRsa("rsa-2"));

        assertThat(refusal(unknown)).isEqualTo("UNAUTHENTICATED: unknown signing key: the JWKS has no RSA key with"
                + " the token's key id");
        assertThat(refusal(unknown)).startsWith("UNAUTHENTICATED: unknown signing key");
        assertThat(fetches.get()).isEqualTo(afterFirstUse + 1);

        clock.advance(SigningKeys.UNKNOWN_KID_REFETCH);
        refusal(unknown);
        assertThat(fetches.get()).isEqualTo(afterFirstUse + 2);
    }

    @Test
    void aRotatedKeyIsFoundByTheRefetchForItsKid() {
        verifier.verify(Tokens.rs256(Tokens.claims("a", now).build(), Tokens.RSA));
        var rotated = Tokens.generateRsa("rsa-2");
        published = Tokens.jwks(List.of(rotated));

        assertThat(verifier.verify(Tokens.rs256(Tokens.claims("b", now).build(), rotated)).subject()).isEqualTo("b");
    }

    @Test
    void theMessageNeverRepeatsTheToken() {
        String token = Tokens.hs256(Tokens.claims("alice", now).expirationTime(Date.from(now.minusSeconds(600))).build());

        assertThat(refusal(token)).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
        assertThat(refusal("not.a-token.at-all")).doesNotContain("a-token");
    }

    private int fetchesAfter(Runnable work) {
        work.run();
        return fetches.get();
    }

    private String refusal(String token) {
        try {
            verifier.verify(token);
        } catch (ServiceException e) {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
            return e.getMessage();
        }
        throw new AssertionError("the token was accepted");
    }
}
