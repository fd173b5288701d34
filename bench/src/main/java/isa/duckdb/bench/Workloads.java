package isa.duckdb.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs every workload on every contender, interleaved: one round runs each workload on the
 * service, PostgreSQL and in-process DuckDB in turn, so a slow period of the machine hits all
 * three alike; {@link Measurements} keeps the best of the rounds. Every scan is checked against
 * the first one (rows and checksum), every Q1 answer against the first one; a difference, or a
 * failing call, is recorded in {@code failures}.
 */
final class Workloads {
    private static final int Q1_RUNS_PER_ROUND = 3;

    private final Contender[] contenders;
    private final Options options;
    private final Measurements measurements;
    private final List<String> failures;
    private final long[] insertsAcknowledged = new long[3];
    private ScanResult referenceScan;
    private String referenceScanBy;
    private List<String> referenceQ1;

    Workloads(Contender[] contenders, Options options, Measurements measurements, List<String> failures) {
        this.contenders = contenders;
        this.options = options;
        this.measurements = measurements;
        this.failures = failures;
    }

    /** Inserts acknowledged per contender over all rounds. */
    long[] insertsAcknowledged() {
        return insertsAcknowledged;
    }

    /** The first scan's result (what every contender must match), or null. */
    ScanResult referenceScan() {
        return referenceScan;
    }

    /** Runs one round of every workload on every contender. */
    /** One measured round: every workload on every contender, the best result kept. */
    void round(int round) {
        System.out.printf("round %d of %d%n", round, options.repeats());
        runAll();
    }

    /** One unmeasured round (its measurements go nowhere), so that the measured rounds find every contender warm. */
    void warmUp(int round) {
        System.out.printf("warm-up round %d of %d (not measured)%n", round, options.warmupRounds());
        runAll();
    }

    private void runAll() {
        for (int c = 0; c < contenders.length; c++) {
            int at = c;
            attempt(c, "full scan, rows", () -> {
                ScanResult result = contenders[at].scanRows();
                check(at, "rows", result);
                measurements.rowScan(at, result);
                return Report.seconds(result, null);
            });
        }
        for (int c = 0; c < contenders.length; c++) {
            int at = c;
            attempt(c, "full scan, Arrow", () -> {
                try {
                    ScanResult result = contenders[at].scanArrow();
                    check(at, "Arrow", result);
                    measurements.arrowScan(at, result);
                    return Report.seconds(result, null);
                } catch (Contender.NotAvailable e) {
                    measurements.arrowNotes[at] = e.getMessage();
                    return e.getMessage();
                }
            });
        }
        for (int c = 0; c < contenders.length; c++) {
            int at = c;
            attempt(c, "TPC-H Q1", () -> {
                long best = Long.MAX_VALUE;
                for (int i = 0; i < Q1_RUNS_PER_ROUND; i++) {
                    long start = System.nanoTime();
                    List<String> rows = contenders[at].q1();
                    best = Math.min(best, System.nanoTime() - start);
                    checkQ1(at, rows);
                }
                measurements.q1(at, best);
                return Report.millis(best);
            });
        }
        rates("SELECT 1", 1, measurements.selectOne, false);
        rates("SELECT 1", options.manyReaders(), measurements.selectMany, false);
        rates("INSERT", 1, measurements.insertOne, true);
        rates("INSERT", options.manyWriters(), measurements.insertMany, true);
    }

    private void rates(String work, int threads, Measurements.Rate[] best, boolean insert) {
        Duration duration = Duration.ofSeconds(options.seconds());
        int maxCalls = Math.max(1_000, options.seconds() * 100_000 / threads);
        for (int c = 0; c < contenders.length; c++) {
            Contender contender = contenders[c];
            int at = c;
            attempt(c, work + ", " + threads + " client(s)", () -> {
                RateRunner.Rate rate = RateRunner.run(threads, duration, maxCalls,
                        thread -> insert ? contender.insertOne(thread) : contender.selectOne(thread));
                if (insert) {
                    insertsAcknowledged[at] += rate.calls();
                }
                best[at] = Measurements.best(best[at], rate);
                return String.format(Locale.ROOT, "%,.0f/s, p50 %.3f ms", rate.perSecond(), rate.p50Millis());
            });
        }
    }

    private void check(int contender, String path, ScanResult result) {
        String by = Measurements.NAMES[contender] + " " + path;
        if (referenceScan == null) {
            referenceScan = result;
            referenceScanBy = by;
        } else if (!result.sameDataAs(referenceScan)) {
            failures.add(String.format(Locale.ROOT, "%s read %,d rows with checksum %016x; %s read %,d rows with %016x",
                    by, result.rows(), result.checksum(), referenceScanBy, referenceScan.rows(), referenceScan.checksum()));
        }
        if (result.rows() != options.rows()) {
            failures.add(String.format(Locale.ROOT, "%s read %,d rows of %,d", by, result.rows(), options.rows()));
        }
    }

    private void checkQ1(int contender, List<String> rows) {
        if (referenceQ1 == null) {
            referenceQ1 = rows;
        } else if (!rows.equals(referenceQ1)) {
            failures.add("Q1 of " + Measurements.NAMES[contender] + " answered " + rows + ", expected " + referenceQ1);
        }
    }

    private interface Work {
        String run() throws Exception;
    }

    private void attempt(int contender, String work, Work body) {
        String name = Measurements.NAMES[contender];
        try {
            System.out.printf("  %-32s %-18s %s%n", work, name, body.run());
        } catch (Exception e) {
            failures.add(work + " on " + name + " failed: " + e);
            System.out.printf("  %-32s %-18s FAILED: %s%n", work, name, e);
        }
    }
}
