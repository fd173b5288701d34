package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {
    private final List<String> verified = new ArrayList<>();
    private final AuthenticationService token = new AuthenticationService(AuthMode.TOKEN, t -> {
        verified.add(t);
        if (!t.equals("good")) {
            throw new ServiceException(ErrorKind.UNAUTHENTICATED, "unknown API key");
        }
        return Principal.apiKey("etl", List.of("ann"));
    });

    @Test
    void modeNoneTrustsEveryCallerAndChecksNoToken() {
        AuthenticationService none = new AuthenticationService(AuthMode.NONE, t -> {
            throw new AssertionError("no token is verified in mode none");
        });

        assertThat(none.authenticate(Optional.of("whatever"), false)).isEqualTo(Principal.trusted());
        assertThat(none.authenticate(Optional.empty(), false)).isEqualTo(Principal.trusted());
    }

    @Test
    void modeTokenVerifiesTheToken() {
        assertThat(token.authenticate(Optional.of("good"), false).subject()).isEqualTo("etl");
        failureOf(() -> token.authenticate(Optional.of("bad"), false), ErrorKind.UNAUTHENTICATED);
        assertThat(verified).containsExactly("good", "bad");
    }

    @Test
    void aMissingTokenIsUnauthenticatedUnlessTheCallMayGoWithout() {
        assertThat(failureOf(() -> token.authenticate(Optional.empty(), false), ErrorKind.UNAUTHENTICATED)
                .getMessage()).contains("missing token");
        assertThat(token.authenticate(Optional.of(" "), true)).isEqualTo(Principal.anonymous());
        failureOf(() -> token.authenticate(Optional.of("bad"), true), ErrorKind.UNAUTHENTICATED);
    }

    @Test
    void theModeIsParsedFromItsName() {
        assertThat(AuthMode.parse(" Token ")).isEqualTo(AuthMode.TOKEN);
        assertThat(AuthMode.parse("none")).isEqualTo(AuthMode.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthMode.parse("jwt"))
                .hasMessageContaining("'none' or 'token'");
    }
}
