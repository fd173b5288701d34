package isa.duckdb.adapters.grpc;

import io.grpc.Context;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ServiceException;

/** The principal {@link AuthInterceptor} established for the current call, carried in the gRPC {@link Context}. */
final class Principals {
    static final Context.Key<Principal> KEY = Context.key("isa.duckdb.principal");

    private Principals() {
    }

    /** The current call's principal; UNAUTHENTICATED when none was established (fails closed). */
    static Principal current() {
        Principal principal = KEY.get();
        if (principal == null) {
            throw new ServiceException(ErrorKind.UNAUTHENTICATED, "the call was not authenticated");
        }
        return principal;
    }

    /** The current call's principal asking to act as {@code user_id} (empty: its own subject). */
    static Caller caller(String userId) {
        return new Caller(current(), userId);
    }
}
