package isa.duckdb.adapters.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failures reach callers (wire contract, "Errors"): request-level failures go in the response body
 * ({@code success=false} and an {@code error} starting with its code word); authentication, authorization,
 * deadlines and cancellation are gRPC statuses.
 *
 * <p>Every INTERNAL or UNAVAILABLE answer gets an incident id: it is logged once, here (ERROR for INTERNAL, WARN
 * for UNAVAILABLE, with the RPC's name, the incident id and the stack trace of the failure and its causes), and the
 * caller's message ends with {@code (incident <8 hex digits>)} so that the two can be matched. The log line
 * carries the caller-safe message and the exception, never the request (SQL, parameters, credentials).
 */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private static final int INCIDENT_ID_CHARS = 8;

    private Failures() {
    }

    /**
     * The error to show a caller. An exception that is not a {@link ServiceException} is an unexpected one: it
     * becomes INTERNAL {@code unexpected server error (incident <id>)}, its own text never shown. An INTERNAL or
     * UNAVAILABLE failure is logged and tagged with an incident id; other kinds are returned as they are.
     * Normalizing an already normalized failure returns it unchanged (and logs nothing again).
     */
    static ServiceException normalize(RuntimeException e) {
        if (e instanceof Incident incident) {
            return incident;
        }
        if (e instanceof ServiceException service && !hasIncident(service.kind())) {
            return service;
        }
        String id = UUID.randomUUID().toString().substring(0, INCIDENT_ID_CHARS);
        Incident incident = e instanceof ServiceException service
                ? new Incident(service.kind(), service.detail() + " (incident " + id + ")", e)
                : new Incident(ErrorKind.INTERNAL, "unexpected server error (incident " + id + ")", e);
        log(incident, id, e);
        return incident;
    }

    /** Kinds that the contract sends as a gRPC status rather than in the response body. */
    static boolean isStatus(ServiceException e) {
        return switch (e.kind()) {
            case PERMISSION_DENIED, UNAUTHENTICATED, DEADLINE_EXCEEDED, CANCELLED -> true;
            default -> false;
        };
    }

    /** The status for a failure {@link #isStatus} chose; its description is the failure's message. */
    static StatusRuntimeException toStatus(ServiceException e) {
        Status status = switch (e.kind()) {
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
            case CANCELLED -> Status.CANCELLED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage()).asRuntimeException();
    }

    private static boolean hasIncident(ErrorKind kind) {
        return kind == ErrorKind.INTERNAL || kind == ErrorKind.UNAVAILABLE;
    }

    private static void log(Incident incident, String id, RuntimeException cause) {
        String format = "{} answered to {} (incident {}): {}";
        Object[] arguments = {incident.kind(), CallRecord.currentMethod(), id, incident.detail(), cause};
        if (incident.kind() == ErrorKind.UNAVAILABLE) {
            LOG.warn(format, arguments);
        } else {
            LOG.error(format, arguments);
        }
    }

    /** A failure that has been logged with an incident id and carries that id in its message. */
    private static final class Incident extends ServiceException {
        private static final long serialVersionUID = 1L;

        Incident(ErrorKind kind, String detail, Throwable cause) {
            super(kind, detail, cause);
        }
    }
}
