package isa.duckdb.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * The registry calls the standard gRPC health service at {@code target} ({@code host:port}) every
 * {@code interval}, gives up on a call after {@code timeout}, and drops the instance once it has
 * been failing for {@code deregisterCriticalAfter}.
 */
public record GrpcHealthCheck(String target, Duration interval, Duration timeout, Duration deregisterCriticalAfter) {

    public GrpcHealthCheck {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target may not be blank");
        }
        requirePositive(interval, "interval");
        requirePositive(timeout, "timeout");
        requirePositive(deregisterCriticalAfter, "deregisterCriticalAfter");
    }

    private static void requirePositive(Duration duration, String field) {
        Objects.requireNonNull(duration, field);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive, got " + duration);
        }
    }
}
