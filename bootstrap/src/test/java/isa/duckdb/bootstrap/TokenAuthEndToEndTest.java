package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.TestTokens.bearer;
import static isa.duckdb.bootstrap.TestTokens.claims;
import static isa.duckdb.bootstrap.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import isa.duckdb.adapters.auth.TokenSettings;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.application.service.AuthMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth mode {@code token} on a real port (issue 12, "Authentication and authorization"): HS256 with a secret,
 * RS256/ES256 against a JWKS file, API keys from a file, issuer and audience required.
 */
class TokenAuthEndToEndTest {
    @TempDir
    static Path data;
    @TempDir
    static Path files;
    static RunningService service;
    static DuckDBServiceBlockingStub anonymous;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(files.resolve("jwks.json"), TestTokens.jwks());
        Files.write(files.resolve("keys"), List.of("# e2e keys", TestTokens.apiKeyLine("etl-key-1", "etl", "ann,org-acme")));
        service = RunningService.start(RunningService.config(data, Duration.ofSeconds(30)).toBuilder()
                .authMode(AuthMode.TOKEN)
                .tokenSettings(new TokenSettings(Optional.of(TestTokens.SECRET),
                        Optional.of(files.resolve("jwks.json").toString()), Optional.of(TestTokens.ISSUER),
                        Optional.of(TestTokens.AUDIENCE), Optional.of(files.resolve("keys"))))
                .build());
        anonymous = service.blocking();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static DuckDBServiceBlockingStub as(String token) {
        return bearer(anonymous, token);
    }

    private static String unauthenticated(DuckDBServiceBlockingStub stub) {
        return statusOf(() -> stub.listDatabases(ListDatabasesRequest.newBuilder().setUserId("ann").build()),
                Status.Code.UNAUTHENTICATED);
    }

    private static String statusOf(Runnable call, Status.Code code) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            return e.getStatus().getDescription();
        }
        throw new AssertionError("the call was answered");
    }

    @Test
    void aCallWithoutTokenIsUnauthenticated() {
        assertThat(unauthenticated(anonymous)).isEqualTo("UNAUTHENTICATED: missing token: send metadata"
                + " 'authorization: Bearer <token>'");
        assertThat(unauthenticated(TestTokens.withAuthorization(anonymous, "Basic YWxpY2U6c2VjcmV0")))
                .contains("malformed authorization metadata");
    }

    @Test
    void eachBadTokenIsUnauthenticatedSayingWhyWithoutEchoingIt() {
        Instant now = Instant.now();
        String expired = hs256(claims("ann").expirationTime(Date.from(now.minusSeconds(120))).build());
        String notYet = hs256(claims("ann").notBeforeTime(Date.from(now.plusSeconds(600))).build());
        String wrongSignature = TestTokens.sign(new JWSHeader(JWSAlgorithm.HS256), claims("ann").build(),
                TestTokens.mac("another-secret-long-enough-for-hs256-too".getBytes(StandardCharsets.UTF_8)));
        String algNone = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims("ann").build()
                .toString()) + ".";
        String confused = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-e2e").build(),
                claims("ann").build(), TestTokens.mac(publicRsaKey()));
        String wrongIssuer = hs256(claims("ann").issuer("https://evil.test").build());
        String wrongAudience = hs256(claims("ann").audience("another-service").build());
        String unknownKid = TestTokens.rs256(claims("ann").build(), rsa("rsa-unknown"));

        List<String> tokens = List.of(expired, notYet, wrongSignature, algNone, confused, wrongIssuer, wrongAudience,
                unknownKid, "garbage");
        List<String> messages = tokens.stream().map(t -> unauthenticated(as(t))).toList();

        assertThat(messages).containsExactly(
                "UNAUTHENTICATED: expired token",
                "UNAUTHENTICATED: token not valid yet (nbf is in the future)",
                "UNAUTHENTICATED: bad signature: the token is not signed by a trusted key",
                "UNAUTHENTICATED: unsigned token (alg none) refused",
                "UNAUTHENTICATED: bad signature: the token is not signed by a trusted key",
                "UNAUTHENTICATED: token issuer (iss) does not match this service's",
                "UNAUTHENTICATED: token audience (aud) does not name this service",
                "UNAUTHENTICATED: unknown signing key: the JWKS has no RSA key with the token's key id",
                "UNAUTHENTICATED: unknown API key");
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(messages.get(i)).doesNotContain(tokens.get(i));
        }
    }

    @Test
    void aPrincipalActsAsItsOwnTenantAndAnEmptyUserIdMeansItsSubject() {
        DuckDBServiceBlockingStub ann = as(hs256(claims("ann").build()));

        assertThat(ann.createDatabase(CreateDatabaseRequest.newBuilder().setDatabaseName("notes").build()).getError())
                .isEmpty();
        assertThat(ann.listDatabases(ListDatabasesRequest.newBuilder().setUserId("ann").build()).getDatabasesList())
                .extracting(d -> d.getUserId() + "/" + d.getDatabaseName()).contains("ann/notes");
    }

    @Test
    void actingAsAnotherTenantIsPermissionDenied() {
        DuckDBServiceBlockingStub ann = as(TestTokens.rs256(claims("ann").build(), TestTokens.RSA));

        for (String other : List.of("bob", "Ann", "ann ", "org-acme")) {
            assertThat(statusOf(() -> ann.listDatabases(ListDatabasesRequest.newBuilder().setUserId(other).build()),
                    Status.Code.PERMISSION_DENIED)).isEqualTo("PERMISSION_DENIED: principal 'ann' may not act as"
                    + " tenant '" + other + "'");
        }
        assertThat(statusOf(() -> ann.getMetrics(GetMetricsRequest.newBuilder().setDatabaseId("bob/x").build()),
                Status.Code.PERMISSION_DENIED)).contains("may not act as tenant 'bob'");
        assertThat(statusOf(() -> ann.healthCheck(HealthCheckRequest.newBuilder().setDatabaseId("bob/x").build()),
                Status.Code.PERMISSION_DENIED)).contains("may not act as tenant 'bob'");
    }

    @Test
    void anOrganizationInTheOrgsClaimMayBeActedAs() {
        DuckDBServiceBlockingStub cid = as(TestTokens.es256(claims("cid").claim("orgs", List.of("org-acme")).build()));

        assertThat(cid.createDatabase(CreateDatabaseRequest.newBuilder().setUserId("org-acme").setDatabaseName("books")
                .build()).getError()).isEmpty();
        assertThat(cid.getMetrics(GetMetricsRequest.newBuilder().setDatabaseId("org-acme/books").build()).getSuccess())
                .isTrue();
    }

    @Test
    void onlyAnAdministratorSeesServiceWideMetricsAndDetailedHealthAndMayActAsAnyone() {
        DuckDBServiceBlockingStub admin = as(hs256(claims("root").claim("roles", List.of("duckdb:admin")).build()));
        DuckDBServiceBlockingStub dan = as(hs256(claims("dan").build()));

        assertThat(admin.getMetrics(GetMetricsRequest.getDefaultInstance()).getSuccess()).isTrue();
        assertThat(admin.healthCheck(HealthCheckRequest.newBuilder().setDetailed(true).build()).hasDetails()).isTrue();
        assertThat(admin.listDatabases(ListDatabasesRequest.newBuilder().setUserId("anyone").build()).getSuccess())
                .isTrue();
        assertThat(statusOf(() -> dan.getMetrics(GetMetricsRequest.getDefaultInstance()), Status.Code.PERMISSION_DENIED))
                .contains("duckdb:admin");
        assertThat(statusOf(() -> dan.healthCheck(HealthCheckRequest.newBuilder().setDetailed(true).build()),
                Status.Code.PERMISSION_DENIED)).contains("duckdb:admin");
    }

    @Test
    void probesNeedNoToken() {
        assertThat(anonymous.healthCheck(HealthCheckRequest.getDefaultInstance()).getHealthy()).isTrue();
        assertThat(HealthGrpc.newBlockingStub(service.channel).check(io.grpc.health.v1.HealthCheckRequest
                .newBuilder().setService("duckdb-service").build()).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(statusOf(() -> anonymous.healthCheck(HealthCheckRequest.newBuilder().setDetailed(true).build()),
                Status.Code.UNAUTHENTICATED)).contains("needs a token");
        assertThat(unauthenticated(bearer(anonymous, "garbage"))).isEqualTo("UNAUTHENTICATED: unknown API key");
    }

    @Test
    void anApiKeyActsAsItsListedTenantsAndTheFileIsReadAgainWhenItChanges() throws Exception {
        DuckDBServiceBlockingStub etl = as("etl-key-1");
        assertThat(etl.listDatabases(ListDatabasesRequest.newBuilder().setUserId("org-acme").build()).getSuccess())
                .isTrue();
        assertThat(statusOf(() -> etl.listDatabases(ListDatabasesRequest.newBuilder().setUserId("bob").build()),
                Status.Code.PERMISSION_DENIED)).contains("principal 'etl'");

        Files.write(files.resolve("keys"), List.of(TestTokens.apiKeyLine("etl-key-2", "etl", "bob")));

        Function<String, Status.Code> listBob = key -> {
            try {
                as(key).listDatabases(ListDatabasesRequest.newBuilder().setUserId("bob").build());
                return Status.Code.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
        };
        await().atMost(Duration.ofSeconds(10)).until(() -> listBob.apply("etl-key-2") == Status.Code.OK);
        assertThat(listBob.apply("etl-key-1")).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    private static com.nimbusds.jose.jwk.RSAKey rsa(String kid) {
        try {
            return new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] publicRsaKey() {
        try {
            return TestTokens.RSA.toRSAPublicKey().getEncoded();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
