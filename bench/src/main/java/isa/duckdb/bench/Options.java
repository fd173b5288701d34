package isa.duckdb.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The harness's settings, given by {@code bench/run.sh} as {@code --name value} pairs.
 *
 * @param rows lineitem rows (default 2,000,000)
 * @param repeats interleaved rounds; every result is the best of them (default 3)
 * @param warmupRounds unmeasured rounds run first, so that every contender (JIT, caches) is measured warm (default 1)
 * @param seconds length of one rate measurement (default 3)
 * @param manyReaders client threads of the concurrent SELECT 1 (16)
 * @param manyWriters client threads of the concurrent INSERT (8)
 * @param postgresHost host of the PostgreSQL cluster (127.0.0.1)
 * @param postgresPort its port (required)
 * @param postgresUser its superuser (bench)
 * @param serviceJar the service jar (bootstrap/target/duckdb-service.jar)
 * @param serviceXmx the service's {@code -Xmx} (256m)
 * @param workDirectory scratch folder for data files, service data and logs (required)
 * @param heapMegabytes size of the heap-probe stream in MiB on the wire (default ten times the service's heap)
 * @param s3Megabytes size of the cold-open database in MiB (1024; 0 skips the part)
 */
public record Options(long rows, int repeats, int warmupRounds, int seconds, int manyReaders, int manyWriters, String postgresHost,
                      int postgresPort, String postgresUser, Path serviceJar, String serviceXmx, Path workDirectory,
                      long heapMegabytes, long s3Megabytes) {

    /** Parses {@code --name value} pairs; unknown names and missing required ones are errors. */
    public static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        Map<String, String> left = new HashMap<>(values);
        String xmx = take(left, "service-xmx", "256m");
        Options options = new Options(
                Long.parseLong(take(left, "rows", "2000000")),
                Integer.parseInt(take(left, "repeats", "3")),
                Integer.parseInt(take(left, "warmup", "1")),
                Integer.parseInt(take(left, "seconds", "3")),
                Integer.parseInt(take(left, "many-readers", "16")),
                Integer.parseInt(take(left, "many-writers", "8")),
                take(left, "pg-host", "127.0.0.1"),
                Integer.parseInt(required(left, "pg-port")),
                take(left, "pg-user", "bench"),
                Path.of(take(left, "service-jar", "bootstrap/target/duckdb-service.jar")),
                xmx,
                Path.of(required(left, "work")),
                Long.parseLong(take(left, "heap-mb", Long.toString(10 * megabytes(xmx)))),
                Long.parseLong(take(left, "s3-mb", "1024")));
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + left.keySet());
        }
        if (options.rows < 1 || options.repeats < 1 || options.seconds < 1 || options.warmupRounds < 0) {
            throw new IllegalArgumentException("rows, repeats and seconds must be at least 1, warmup at least 0");
        }
        return options;
    }

    /** A {@code -Xmx} value ({@code 256m}, {@code 1g}, {@code 262144k}) in MiB. */
    public static long megabytes(String xmx) {
        String lower = xmx.toLowerCase(java.util.Locale.ROOT);
        long number = Long.parseLong(lower.replaceAll("[kmg]$", ""));
        return switch (lower.charAt(lower.length() - 1)) {
            case 'g' -> number * 1024;
            case 'm' -> number;
            case 'k' -> number / 1024;
            default -> number >> 20;
        };
    }

    private static String take(Map<String, String> values, String name, String fallback) {
        String value = values.remove(name);
        return value == null ? fallback : value;
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.remove(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
