package isa.duckdb.bootstrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/** Tokens as an identity provider would issue them, for the end-to-end tests of token auth. */
final class TestTokens {
    static final String SECRET = "end-to-end-secret-long-enough-for-hs256";
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "duckdb-service";
    static final RSAKey RSA;
    static final ECKey EC;

    static {
        try {
            RSA = new RSAKeyGenerator(2048).keyID("rsa-e2e").generate();
            EC = new ECKeyGenerator(Curve.P_256).keyID("ec-e2e").generate();
        } catch (JOSEException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestTokens() {
    }

    /** The JWKS document with the public RSA and EC keys. */
    static String jwks() {
        return new JWKSet(List.of(RSA, EC)).toPublicJWKSet().toString();
    }

    /** Valid claims (issuer, audience, an hour either side of now) for {@code sub}. */
    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
                .expirationTime(Date.from(now.plusSeconds(3600))).notBeforeTime(Date.from(now.minusSeconds(3600)));
    }

    static String hs256(JWTClaimsSet claims) {
        return sign(new JWSHeader(JWSAlgorithm.HS256), claims, mac(SECRET.getBytes(StandardCharsets.UTF_8)));
    }

    static String rs256(JWTClaimsSet claims, RSAKey key) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims,
                    new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String es256(JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC.getKeyID()).build(), claims,
                    new ECDSASigner(EC));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSSigner mac(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** An API keys file line for the key. */
    static String apiKeyLine(String key, String principal, String tenants) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash) + " " + principal + " " + tenants;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stub sending {@code authorization: <value>} with every call. */
    static <S extends AbstractStub<S>> S withAuthorization(S stub, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static <S extends AbstractStub<S>> S bearer(S stub, String token) {
        return withAuthorization(stub, "Bearer " + token);
    }
}
