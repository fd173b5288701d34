package isa.duckdb.adapters.consul;

import java.time.Duration;
import java.util.Objects;
import org.kiwiproject.consul.Consul;

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

    /**
     * A client of the Consul agent at {@code agent} ({@code host:port}, plain HTTP) with these timeouts (the write
     * timeout is the read timeout); no ping at construction, so an agent that is down fails the first call, not this.
     */
    public Consul client(String agent) {
        return Consul.builder()
                .withUrl("http://" + agent)
                .withPing(false)
                .withConnectTimeoutMillis(connectTimeout.toMillis())
                .withReadTimeoutMillis(readTimeout.toMillis())
                .withWriteTimeoutMillis(readTimeout.toMillis())
                .build();
    }

    public static ConsulCallSettings defaults() {
        return new ConsulCallSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(200));
    }
}
