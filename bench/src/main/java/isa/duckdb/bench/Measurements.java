package isa.duckdb.bench;

/**
 * The best result of every workload per contender over the interleaved rounds (shortest time,
 * highest rate, lowest median latency). Arrays are indexed by {@link #SERVICE},
 * {@link #POSTGRES}, {@link #IN_PROCESS}; {@code null} where not measured. A cell that could not
 * be measured has its reason in the matching {@code notes} entry.
 */
public final class Measurements {
    public static final int SERVICE = 0;
    public static final int POSTGRES = 1;
    public static final int IN_PROCESS = 2;
    public static final String[] NAMES = {"service", "PostgreSQL", "in-process DuckDB"};

    final ScanResult[] rowScans = new ScanResult[3];
    final ScanResult[] arrowScans = new ScanResult[3];
    final String[] arrowNotes = new String[3];
    final long[] q1Nanos = {-1, -1, -1};
    final Rate[] selectOne = new Rate[3];
    final Rate[] selectMany = new Rate[3];
    final Rate[] insertOne = new Rate[3];
    final Rate[] insertMany = new Rate[3];

    /** Best rate and, separately, best median latency over the rounds. */
    public record Rate(double perSecond, double p50Millis) {
        Rate better(Rate other) {
            return other == null ? this
                    : new Rate(Math.max(perSecond, other.perSecond), Math.min(p50Millis, other.p50Millis));
        }
    }

    void rowScan(int contender, ScanResult result) {
        rowScans[contender] = faster(rowScans[contender], result);
    }

    void arrowScan(int contender, ScanResult result) {
        arrowScans[contender] = faster(arrowScans[contender], result);
    }

    void q1(int contender, long nanos) {
        q1Nanos[contender] = q1Nanos[contender] < 0 ? nanos : Math.min(q1Nanos[contender], nanos);
    }

    static Rate best(Rate current, RateRunner.Rate measured) {
        return new Rate(measured.perSecond(), measured.p50Millis()).better(current);
    }

    private static ScanResult faster(ScanResult current, ScanResult measured) {
        return current == null || measured.nanos() < current.nanos() ? measured : current;
    }
}
