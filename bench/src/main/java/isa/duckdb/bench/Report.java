package isa.duckdb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table: per workload the service's, PostgreSQL's and in-process DuckDB's
 * best result, the service's ratio to each reference (always "higher is better for the
 * service": reference time ÷ service time, service rate ÷ reference rate), and the goal
 * with PASS or MISS. A goal whose numbers are missing is {@code n/a}.
 */
public final class Report {
    /** One row of the table. */
    public record Line(String work, String service, String postgres, String inProcess, String vsPostgres,
                       String vsInProcess, String goal, String verdict) {
    }

    private static final String NONE = "—";

    private Report() {
    }

    /** The table's rows for {@code m}; {@code manyReaders}/{@code manyWriters} are the client counts. */
    public static List<Line> lines(Measurements m, int manyReaders, int manyWriters) {
        List<Line> lines = new ArrayList<>();
        ScanResult[] rows = m.rowScans;
        lines.add(new Line("full scan, rows (stream / pgjdbc / JDBC)", seconds(rows[0], null), seconds(rows[1], null),
                seconds(rows[2], null), timeRatio(rows[1], rows[0]), timeRatio(rows[2], rows[0]),
                "≥ 2× PostgreSQL", verdict(rows[0] == null || rows[1] == null ? null
                        : nanos(rows[1]) / nanos(rows[0]) >= 2.0)));
        ScanResult[] arrow = m.arrowScans;
        lines.add(new Line("full scan, Arrow (ExecuteQueryArrow / — / arrowExportStream)", seconds(arrow[0], m.arrowNotes[0]),
                NONE, seconds(arrow[2], m.arrowNotes[2]), NONE, timeRatio(arrow[2], arrow[0]),
                "≥ 0.7× in-process Arrow", verdict(arrow[0] == null || arrow[2] == null ? null
                        : nanos(arrow[2]) / nanos(arrow[0]) >= 0.7)));
        long[] q1 = m.q1Nanos;
        double q1Limit = q1[2] < 0 ? -1 : q1[2] / 1e6 * 1.05 + 1.0;
        lines.add(new Line("TPC-H Q1 (ExecuteQuery)", millis(q1[0]), millis(q1[1]), millis(q1[2]),
                ratio(q1[1], q1[0]), ratio(q1[2], q1[0]),
                q1Limit < 0 ? "≤ in-process + 5% + 1 ms" : String.format(Locale.ROOT, "≤ in-process + 5%% + 1 ms = %.1f ms", q1Limit),
                verdict(q1[0] < 0 || q1Limit < 0 ? null : q1[0] / 1e6 <= q1Limit)));
        rateLine(lines, "SELECT 1 per second, 1 client", m.selectOne, NONE, null);
        latencyLine(lines, "SELECT 1 p50 latency, 1 client", m.selectOne, true);
        rateLine(lines, "SELECT 1 per second, " + manyReaders + " clients", m.selectMany, "≥ 0.7× in-process",
                both(m.selectMany[0], m.selectMany[2]) ? m.selectMany[0].perSecond() >= 0.7 * m.selectMany[2].perSecond() : null);
        latencyLine(lines, "SELECT 1 p50 latency, " + manyReaders + " clients", m.selectMany, false);
        rateLine(lines, "single-row INSERT per second, 1 client", m.insertOne, "≥ 0.8× in-process",
                both(m.insertOne[0], m.insertOne[2]) ? m.insertOne[0].perSecond() >= 0.8 * m.insertOne[2].perSecond() : null);
        rateLine(lines, "single-row INSERT per second, " + manyWriters + " clients", m.insertMany, "≥ 1× PostgreSQL",
                both(m.insertMany[0], m.insertMany[1]) ? m.insertMany[0].perSecond() >= m.insertMany[1].perSecond() : null);
        return lines;
    }

    /** The table as Markdown, columns padded to line up in a terminal. */
    public static String render(List<Line> lines) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"work", "service", "PostgreSQL", "in-process DuckDB", "service vs PostgreSQL",
            "service vs in-process", "goal", "verdict"});
        for (Line line : lines) {
            cells.add(new String[] {line.work(), line.service(), line.postgres(), line.inProcess(), line.vsPostgres(),
                line.vsInProcess(), line.goal(), line.verdict()});
        }
        int[] widths = new int[8];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            appendRow(out, cells.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int c = 0; c < widths.length; c++) {
                    rule[c] = "-".repeat(widths[c]);
                }
                appendRow(out, rule, widths);
            }
        }
        return out.toString();
    }

    /** {@code N PASS, M MISS} over the lines' verdicts (and {@code K n/a} when some are). */
    public static String summary(List<Line> lines) {
        long pass = lines.stream().filter(l -> l.verdict().equals("PASS")).count();
        long miss = lines.stream().filter(l -> l.verdict().equals("MISS")).count();
        long open = lines.stream().filter(l -> l.verdict().equals("n/a")).count();
        return "goals: " + pass + " PASS, " + miss + " MISS" + (open > 0 ? ", " + open + " n/a" : "");
    }

    private static void appendRow(StringBuilder out, String[] row, int[] widths) {
        out.append('|');
        for (int c = 0; c < row.length; c++) {
            out.append(' ').append(row[c]).append(" ".repeat(widths[c] - row[c].length())).append(" |");
        }
        out.append('\n');
    }

    private static void rateLine(List<Line> lines, String work, Measurements.Rate[] rates, String goal, Boolean met) {
        lines.add(new Line(work, rate(rates[0]), rate(rates[1]), rate(rates[2]), rateRatio(rates[0], rates[1]),
                rateRatio(rates[0], rates[2]), goal, goal.equals(NONE) ? "" : verdict(met)));
    }

    private static void latencyLine(List<Line> lines, String work, Measurements.Rate[] rates, boolean withGoal) {
        Boolean met = both(rates[0], rates[2]) ? rates[0].p50Millis() <= rates[2].p50Millis() + 0.2 : null;
        lines.add(new Line(work, latency(rates[0]), latency(rates[1]), latency(rates[2]),
                rates[0] == null || rates[1] == null ? NONE : ratio(rates[1].p50Millis(), rates[0].p50Millis()),
                rates[0] == null || rates[2] == null ? NONE : ratio(rates[2].p50Millis(), rates[0].p50Millis()),
                withGoal ? "≤ in-process + 0.2 ms" : NONE, withGoal ? verdict(met) : ""));
    }

    private static boolean both(Object a, Object b) {
        return a != null && b != null;
    }

    private static String verdict(Boolean met) {
        return met == null ? "n/a" : met ? "PASS" : "MISS";
    }

    private static double nanos(ScanResult result) {
        return result.nanos();
    }

    static String seconds(ScanResult result, String note) {
        if (result == null) {
            return note == null ? NONE : note;
        }
        return String.format(Locale.ROOT, "%.2f s", result.nanos() / 1e9);
    }

    static String millis(long nanos) {
        return nanos < 0 ? NONE : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String rate(Measurements.Rate rate) {
        return rate == null ? NONE : String.format(Locale.ROOT, "%,.0f/s", rate.perSecond());
    }

    static String latency(Measurements.Rate rate) {
        return rate == null ? NONE : String.format(Locale.ROOT, "%.3f ms", rate.p50Millis());
    }

    private static String timeRatio(ScanResult reference, ScanResult service) {
        return reference == null || service == null ? NONE : ratio(reference.nanos(), service.nanos());
    }

    private static String rateRatio(Measurements.Rate service, Measurements.Rate reference) {
        return service == null || reference == null ? NONE : ratio(service.perSecond(), reference.perSecond());
    }

    /** {@code numerator ÷ denominator} as {@code 1.23×}; {@code —} when either is missing (negative). */
    static String ratio(double numerator, double denominator) {
        if (numerator < 0 || denominator <= 0) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.2f×", numerator / denominator);
    }
}
