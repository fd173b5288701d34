package isa.duckdb.application.service;

import isa.duckdb.application.port.in.AuthenticateUseCase;
import isa.duckdb.application.port.out.CredentialVerifier;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Auth mode {@code none} trusts every caller; mode {@code token} asks the {@link CredentialVerifier}. */
@Singleton
public final class AuthenticationService implements AuthenticateUseCase {
    private final AuthMode mode;
    private final CredentialVerifier verifier;

    @Inject
    public AuthenticationService(AuthMode mode, CredentialVerifier verifier) {
        this.mode = mode;
        this.verifier = verifier;
    }

    @Override
    public Principal authenticate(Optional<String> bearerToken, boolean tokenOptional) {
        if (mode == AuthMode.NONE) {
            return Principal.trusted();
        }
        Optional<String> token = bearerToken.filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            if (tokenOptional) {
                return Principal.anonymous();
            }
            throw new ServiceException(ErrorKind.UNAUTHENTICATED,
                    "missing token: send metadata 'authorization: Bearer <token>'");
        }
        return verifier.verify(token.get());
    }
}
