package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private static ErrorKind kindOf(Runnable call) {
        try {
            call.run();
        } catch (ServiceException e) {
            return e.kind();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void aUserActsAsItsSubjectAndItsOrganizationsExactly() {
        Principal ann = Principal.user("alice_smith", List.of("org-acme", "bob", "Org-other"), List.of("reader"));

        assertThat(ann.actAs("alice_smith")).isEqualTo(TenantId.of("alice_smith"));
        assertThat(ann.actAs("org-acme")).isEqualTo(TenantId.of("org-acme"));
        for (String other : List.of("alice-smith", "Alice_Smith", "alice_smith ", "bob", "Org-other", "org-other")) {
            assertThat(kindOf(() -> ann.actAs(other))).as(other).isEqualTo(ErrorKind.PERMISSION_DENIED);
        }
    }

    @Test
    void aSubjectThatLooksLikeAnOrganizationGrantsNoTenant() {
        Principal pretender = Principal.user("org-acme", List.of(), List.of());

        assertThat(kindOf(() -> pretender.actAs("org-acme"))).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(Principal.user("org-acme", List.of("org-acme"), List.of()).actAs("org-acme"))
                .isEqualTo(TenantId.of("org-acme"));
    }

    @Test
    void anEmptyUserIdMeansTheSubject() {
        assertThat(Principal.user("ann", List.of(), List.of()).actAs("")).isEqualTo(TenantId.of("ann"));
        assertThat(Principal.apiKey("etl", List.of("etl", "ann")).actAs(null)).isEqualTo(TenantId.of("etl"));
    }

    @Test
    void theAdminRoleActsAsAnyoneAndSeesServiceWideData() {
        Principal root = Principal.user("root", List.of(), List.of(Principal.ADMIN_ROLE));

        assertThat(root.actAs("anyone")).isEqualTo(TenantId.of("anyone"));
        root.requireAdmin("metrics");
        assertThat(kindOf(() -> Principal.user("ann", List.of(), List.of()).requireAdmin("metrics")))
                .isEqualTo(ErrorKind.PERMISSION_DENIED);
    }

    @Test
    void anApiKeyActsAsItsListedTenantsOrAnyoneWithAStar() {
        Principal etl = Principal.apiKey("etl", List.of("ann", "org-acme"));

        assertThat(etl.actAs("org-acme")).isEqualTo(TenantId.of("org-acme"));
        assertThat(kindOf(() -> etl.actAs("bob"))).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(kindOf(() -> etl.actAs(""))).as("its own name is not listed").isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(Principal.apiKey("ops", List.of("*")).isAdmin()).isTrue();
    }

    @Test
    void theTrustedPrincipalOfAuthModeNoneActsAsAnyNamedTenantButNeedsAName() {
        assertThat(Principal.trusted().actAs("whoever")).isEqualTo(TenantId.of("whoever"));
        assertThatThrownBy(() -> Principal.trusted().actAs("")).hasMessage("PERMISSION_DENIED: user_id is required");
    }

    @Test
    void theAnonymousPrincipalIsUnauthenticatedForAnythingButTheBasicHealthCheck() {
        assertThat(kindOf(() -> Principal.anonymous().actAs("ann"))).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(kindOf(() -> Principal.anonymous().requireAdmin("metrics"))).isEqualTo(ErrorKind.UNAUTHENTICATED);
    }

    @Test
    void aTokenWithoutSubjectIsUnauthenticated() {
        assertThat(kindOf(() -> Principal.user(" ", List.of(), List.of()))).isEqualTo(ErrorKind.UNAUTHENTICATED);
    }

    @Test
    void aCallerWithoutPrincipalIsUnauthenticated() {
        assertThat(kindOf(() -> new Caller(null, "ann"))).isEqualTo(ErrorKind.UNAUTHENTICATED);
    }
}
