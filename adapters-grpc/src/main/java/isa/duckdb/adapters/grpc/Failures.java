package isa.duckdb.adapters.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failures reach callers: request-level failures go in the response body ({@code success=false}
 * and a code-word {@code error}); authentication, authorization and deadlines are gRPC statuses.
 */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** The error to show a caller; unexpected exceptions are logged with an id and shown only by that id. */
    static ServiceException normalize(RuntimeException e) {
        if (e instanceof ServiceException service) {
            return service;
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected failure (incident {})", incident, e);
        return new ServiceException(ErrorKind.INTERNAL, "unexpected server error (incident " + incident + ")");
    }

    /** Kinds that the contract sends as a gRPC status rather than in the response body. */
    static boolean isStatus(ServiceException e) {
        return switch (e.kind()) {
            case PERMISSION_DENIED, UNAUTHENTICATED, DEADLINE_EXCEEDED, CANCELLED -> true;
            default -> false;
        };
    }

    static StatusRuntimeException toStatus(ServiceException e) {
        Status status = switch (e.kind()) {
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
            case CANCELLED -> Status.CANCELLED;
            default -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage()).asRuntimeException();
    }
}
