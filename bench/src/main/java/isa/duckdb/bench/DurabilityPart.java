package isa.duckdb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of {@code --durability commit} (issue 13): single-row {@code INSERT}s per second at 1 and N client threads
 * against two services on the same storage, one with {@code periodic} (the default: a write is answered after the
 * local commit) and one with {@code commit} (answered once its write-ahead log is stored), measured in interleaved
 * rounds, best round kept. Each service's {@code hits} table must hold exactly the inserts it acknowledged.
 */
final class DurabilityPart {
    private static final String DATABASE = "durability";
    private static final String[] MODES = {"periodic", "commit"};

    /** Best rates per mode (0 periodic, 1 commit) and thread count (0: one client, 1: many). */
    record Result(String storage, int manyWriters, RateRunner.Rate[][] best) {
        String line() {
            return String.format(Locale.ROOT, "INSERT per second, --durability periodic / commit (%s storage): "
                            + "1 client %,.0f / %,.0f (p50 %.2f / %.2f ms), %d clients %,.0f / %,.0f (p50 %.2f / %.2f ms)",
                    storage, best[0][0].perSecond(), best[1][0].perSecond(), best[0][0].p50Millis(),
                    best[1][0].p50Millis(), manyWriters, best[0][1].perSecond(), best[1][1].perSecond(),
                    best[0][1].p50Millis(), best[1][1].p50Millis());
        }
    }

    private DurabilityPart() {
    }

    /**
     * This part alone, without PostgreSQL and the other workloads:
     * {@code java -cp bench/target/bench.jar isa.duckdb.bench.DurabilityPart --work DIR [--service-jar JAR]
     * [--repeats 3] [--seconds 3] [--s3 true]}; prints one line per storage.
     */
    public static void main(String[] args) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        boolean s3 = true;
        int at = all.indexOf("--s3");
        if (at >= 0 && at + 1 < all.size()) {
            s3 = Boolean.parseBoolean(all.remove(at + 1));
            all.remove(at);
        }
        all.addAll(java.util.List.of("--pg-port", "0", "--s3-mb", s3 ? "1" : "0"));
        Options options = Options.parse(all.toArray(String[]::new));
        java.nio.file.Files.createDirectories(options.workDirectory());
        System.out.println(run(options.serviceJar(), options.serviceXmx(), options.workDirectory().resolve("durability"),
                "filesystem", Map.of(), options).line());
        if (s3) {
            Path directory = options.workDirectory().resolve("durability-s3");
            try (LocalS3 local = LocalS3.start(directory.resolve("s3"))) {
                System.out.println(run(options.serviceJar(), options.serviceXmx(), directory, "S3Proxy on loopback",
                        LocalS3.environment(local), options).line());
            }
        }
        System.exit(0);
    }

    /**
     * @param storageEnvironment the services' storage settings (empty: the embedded filesystem storage)
     */
    static Result run(Path jar, String xmx, Path workDirectory, String storage, Map<String, String> storageEnvironment,
            Options options) throws Exception {
        ServiceProcess[] services = new ServiceProcess[MODES.length];
        ServiceContender[] clients = new ServiceContender[MODES.length];
        try {
            for (int m = 0; m < MODES.length; m++) {
                Map<String, String> environment = new HashMap<>(storageEnvironment);
                environment.put("ISA_CLOUD_STORAGE_DUCKDB_DURABILITY", MODES[m]);
                // two services run at once: only one could bind the default metrics port
                environment.put("ISA_CLOUD_STORAGE_DUCKDB_METRICS_PORT", "0");
                String label = storage.replaceAll("[^A-Za-z0-9]+", "-");
                services[m] = ServiceProcess.start(jar, xmx, workDirectory.resolve(label + "-" + MODES[m]),
                        environment, workDirectory.resolve("service-durability-" + label + "-" + MODES[m] + ".log"));
                clients[m] = new ServiceContender("127.0.0.1", services[m].port(), DATABASE + "_" + MODES[m], null);
                clients[m].createDatabase();
                clients[m].statement("CREATE TABLE hits(t INTEGER, n BIGINT)");
            }
            int[] threads = {1, options.manyWriters()};
            RateRunner.Rate[][] best = new RateRunner.Rate[MODES.length][threads.length];
            long[] acknowledged = new long[MODES.length];
            Duration duration = Duration.ofSeconds(options.seconds());
            for (int round = 0; round < options.repeats(); round++) {
                for (int t = 0; t < threads.length; t++) {
                    for (int m = 0; m < MODES.length; m++) {
                        ServiceContender client = clients[m];
                        int maxCalls = Math.max(1_000, options.seconds() * 100_000 / threads[t]);
                        RateRunner.Rate rate = RateRunner.run(threads[t], duration, maxCalls, client::insertOne);
                        acknowledged[m] += rate.calls();
                        if (best[m][t] == null || rate.perSecond() > best[m][t].perSecond()) {
                            best[m][t] = rate;
                        }
                    }
                }
            }
            for (int m = 0; m < MODES.length; m++) {
                long stored = clients[m].insertedRows();
                if (stored != acknowledged[m]) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "the %s service stores %,d inserted rows but acknowledged %,d", MODES[m], stored,
                            acknowledged[m]));
                }
            }
            return new Result(storage, options.manyWriters(), best);
        } finally {
            for (int m = 0; m < MODES.length; m++) {
                if (clients[m] != null) {
                    clients[m].close();
                }
                if (services[m] != null) {
                    services[m].close();
                }
            }
        }
    }
}
