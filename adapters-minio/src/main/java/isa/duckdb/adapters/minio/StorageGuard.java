package isa.duckdb.adapters.minio;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries calls that failed because storage could not be reached (with exponential backoff),
 * and stops calling for a while once most recent calls failed that way (circuit breaker), so an
 * outage costs callers one fast UNAVAILABLE instead of a hang each.
 *
 * <p>The breaker opens when at least half of the last 12 calls (6 at least) failed so. It stays
 * open for {@code openFor} only; the first call after that (any call: a sync, a request, a health
 * probe) goes through as the one half-open trial, and its success closes the breaker (its failure
 * opens it again for {@code openFor}). So the breaker closes within about {@code openFor} of
 * storage answering again (resilience4j's CircuitBreaker: OPEN → HALF_OPEN on the first call
 * after {@code waitDurationInOpenState}).
 */
final class StorageGuard {
    /** How long an open breaker refuses calls before it lets one trial call through. */
    static final Duration OPEN_FOR = Duration.ofSeconds(2);

    private final Retry retry;
    private final CircuitBreaker breaker;

    StorageGuard(int attempts, Duration firstBackoff, Duration openFor) {
        this.retry = Retry.of("object-storage", RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff.toMillis(), 2.0))
                .retryOnException(StorageGuard::isOutage)
                .build());
        this.breaker = CircuitBreaker.of("object-storage", CircuitBreakerConfig.custom()
                .failureRateThreshold(50)
                .minimumNumberOfCalls(6)
                .slidingWindowSize(12)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(StorageGuard::isOutage)
                .build());
    }

    /** Three attempts 200 ms and 400 ms apart; the breaker stays open {@link #OPEN_FOR}. */
    static StorageGuard defaults() {
        return new StorageGuard(3, Duration.ofMillis(200), OPEN_FOR);
    }

    <T> T call(Supplier<T> work) {
        Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, work));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new ServiceException(ErrorKind.UNAVAILABLE,
                    "object storage is unavailable (recent calls failed; retrying shortly)");
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    String state() {
        return breaker.getState().name();
    }

    private static boolean isOutage(Throwable failure) {
        return failure instanceof ServiceException e && e.kind() == ErrorKind.UNAVAILABLE;
    }
}
