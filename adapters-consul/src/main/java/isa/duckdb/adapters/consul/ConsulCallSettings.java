package isa.duckdb.adapters.consul;

import java.time.Duration;
import java.util.Objects;

/** Timeouts of one HTTP call, and how often a failing call is tried before it counts as failed. */
public record ConsulCallSettings(Duration connectTimeout, Duration readTimeout, int attempts,
        Duration firstBackoff) {

    public ConsulCallSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
    }

    public static ConsulCallSettings defaults() {
        return new ConsulCallSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(200));
    }
}
