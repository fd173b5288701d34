package isa.duckdb.application.port.in;

/** How long things took: a count, the mean, and percentiles read off a fixed histogram (±25%). */
public record LatencySummary(long count, double averageMillis, double p50Millis, double p95Millis, double p99Millis,
        double maxMillis) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);
}
