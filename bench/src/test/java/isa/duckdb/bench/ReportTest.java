package isa.duckdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Measurements measured() {
        Measurements m = new Measurements();
        m.rowScan(Measurements.SERVICE, new ScanResult(10, 1, 0, 1_000_000_000L));
        m.rowScan(Measurements.POSTGRES, new ScanResult(10, 1, 0, 2_500_000_000L));
        m.rowScan(Measurements.IN_PROCESS, new ScanResult(10, 1, 0, 3_700_000_000L));
        m.arrowNotes[Measurements.SERVICE] = "n/a (UNIMPLEMENTED)";
        m.arrowScan(Measurements.IN_PROCESS, new ScanResult(10, 1, 0, 360_000_000L));
        m.q1(Measurements.SERVICE, 20_000_000L);
        m.q1(Measurements.POSTGRES, 590_000_000L);
        m.q1(Measurements.IN_PROCESS, 18_000_000L);
        m.selectOne[Measurements.SERVICE] = new Measurements.Rate(10_000, 0.30);
        m.selectOne[Measurements.IN_PROCESS] = new Measurements.Rate(16_000, 0.06);
        m.selectMany[Measurements.SERVICE] = new Measurements.Rate(20_000, 0.7);
        m.selectMany[Measurements.IN_PROCESS] = new Measurements.Rate(40_000, 0.3);
        m.insertOne[Measurements.SERVICE] = new Measurements.Rate(2_500, 0.4);
        m.insertOne[Measurements.IN_PROCESS] = new Measurements.Rate(3_100, 0.3);
        m.insertMany[Measurements.SERVICE] = new Measurements.Rate(18_000, 0.4);
        m.insertMany[Measurements.POSTGRES] = new Measurements.Rate(17_864, 0.4);
        return m;
    }

    private static Report.Line line(List<Report.Line> lines, String workStart) {
        return lines.stream().filter(l -> l.work().startsWith(workStart)).findFirst().orElseThrow();
    }

    @Test
    void aRowScanTwiceAsFastAsPostgresPassesAndShowsTheRatioAsReferenceTimeOverServiceTime() {
        Report.Line scan = line(Report.lines(measured(), 16, 8), "full scan, rows");

        assertThat(scan.service()).isEqualTo("1.00 s");
        assertThat(scan.vsPostgres()).isEqualTo("2.50×");
        assertThat(scan.vsInProcess()).isEqualTo("3.70×");
        assertThat(scan.verdict()).isEqualTo("PASS");
    }

    @Test
    void anUnimplementedArrowStreamShowsItsReasonAndLeavesTheGoalOpen() {
        Report.Line arrow = line(Report.lines(measured(), 16, 8), "full scan, Arrow");

        assertThat(arrow.service()).isEqualTo("n/a (UNIMPLEMENTED)");
        assertThat(arrow.inProcess()).isEqualTo("0.36 s");
        assertThat(arrow.verdict()).isEqualTo("n/a");
    }

    @Test
    void q1MissesWhenSlowerThanInProcessPlusFivePercentPlusOneMillisecond() {
        Report.Line q1 = line(Report.lines(measured(), 16, 8), "TPC-H Q1");

        assertThat(q1.goal()).endsWith("= 19.9 ms");
        assertThat(q1.verdict()).isEqualTo("MISS");
    }

    @Test
    void rateGoalsCompareWithTheReferenceTheIssueNames() {
        List<Report.Line> lines = Report.lines(measured(), 16, 8);

        assertThat(line(lines, "SELECT 1 per second, 16 clients").verdict()).isEqualTo("MISS");
        assertThat(line(lines, "SELECT 1 p50 latency, 1 client").verdict()).isEqualTo("MISS");
        assertThat(line(lines, "single-row INSERT per second, 1 client").verdict()).isEqualTo("PASS");
        assertThat(line(lines, "single-row INSERT per second, 8 clients").verdict()).isEqualTo("PASS");
        assertThat(line(lines, "single-row INSERT per second, 8 clients").vsPostgres()).isEqualTo("1.01×");
    }

    @Test
    void aMissingReferenceLeavesItsRatioEmpty() {
        Report.Line select = line(Report.lines(measured(), 16, 8), "SELECT 1 per second, 1 client");

        assertThat(select.postgres()).isEqualTo("—");
        assertThat(select.vsPostgres()).isEqualTo("—");
        assertThat(select.vsInProcess()).isEqualTo("0.63×");
    }

    @Test
    void theRenderedTableHasAHeaderARuleAndOneAlignedRowPerLine() {
        List<Report.Line> lines = Report.lines(measured(), 16, 8);
        String[] rendered = Report.render(lines).split("\n");

        assertThat(rendered).hasSize(lines.size() + 2);
        assertThat(rendered[0]).startsWith("| work ").contains("| verdict");
        assertThat(rendered[1]).matches("\\|[-| ]+\\|");
        assertThat(rendered).extracting(String::length).containsOnly(rendered[0].length());
    }

    @Test
    void theSummaryCountsPassesMissesAndOpenGoals() {
        assertThat(Report.summary(Report.lines(measured(), 16, 8))).isEqualTo("goals: 3 PASS, 3 MISS, 1 n/a");
    }
}
