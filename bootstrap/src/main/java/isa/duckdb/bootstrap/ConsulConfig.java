package isa.duckdb.bootstrap;

import java.time.Duration;

/**
 * Consul registration: whether it is on, where the agent is, the host name this instance is
 * advertised under, how often it checks that the agent still knows it, and the back-off between
 * attempts while the agent cannot be reached (from {@code retryInitial}, doubling, up to
 * {@code retryMax}, with jitter).
 */
public record ConsulConfig(
        boolean enabled,
        String agentHost,
        int agentPort,
        String advertisedHost,
        Duration checkInterval,
        Duration retryInitial,
        Duration retryMax) {

    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);
    public static final Duration RETRY_INITIAL = Duration.ofSeconds(1);
    public static final Duration RETRY_MAX = Duration.ofSeconds(30);

    public static ConsulConfig disabled() {
        return new ConsulConfig(false, "localhost", 8500, "localhost", CHECK_INTERVAL, RETRY_INITIAL, RETRY_MAX);
    }

    /** An agent at {@code agentHost:agentPort} with the production timings. */
    public static ConsulConfig enabled(String agentHost, int agentPort, String advertisedHost) {
        return new ConsulConfig(true, agentHost, agentPort, advertisedHost, CHECK_INTERVAL, RETRY_INITIAL, RETRY_MAX);
    }

    /** This configuration with another advertised host (also used without Consul: the serving markers name it). */
    public ConsulConfig withAdvertisedHost(String host) {
        return new ConsulConfig(enabled, agentHost, agentPort, host, checkInterval, retryInitial, retryMax);
    }

    /** {@code duckdb-service-{advertised host}}. */
    public String serviceId() {
        return "duckdb-service-" + advertisedHost;
    }
}
