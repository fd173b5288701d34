package isa.duckdb.adapters.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.application.port.in.AuthenticateUseCase;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ServiceException;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every call from its {@code authorization: Bearer <token>} metadata (issue 12) and puts the
 * principal in the call's {@link Context} ({@link Principals}); what the principal may do is the application's
 * decision. A bad or (where needed) missing token ends the call with UNAUTHENTICATED, its description saying
 * what is wrong and never repeating the token. The standard gRPC health service and DuckDBService's HealthCheck
 * answer without a token (probes); HealthCheck's details and per-database checks still ask the application.
 */
public final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final AuthenticateUseCase authentication;

    @Inject
    public AuthInterceptor(AuthenticateUseCase authentication) {
        this.authentication = authentication;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Principal principal;
        try {
            principal = authentication.authenticate(bearerToken(headers), tokenOptional(call));
        } catch (RuntimeException e) {
            ServiceException failure = Failures.normalize(e);
            call.close(Failures.toStatus(failure).getStatus(), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(Principals.KEY, principal), call, headers, next);
    }

    private static boolean tokenOptional(ServerCall<?, ?> call) {
        String method = call.getMethodDescriptor().getFullMethodName();
        return HealthGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())
                || DuckDBServiceGrpc.getHealthCheckMethod().getFullMethodName().equals(method);
    }

    private static Optional<String> bearerToken(Metadata headers) {
        String value = headers.get(AUTHORIZATION);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new ServiceException(ErrorKind.UNAUTHENTICATED,
                    "malformed authorization metadata: expected 'Bearer <token>'");
        }
        return Optional.of(trimmed.substring(BEARER.length()).trim());
    }
}
