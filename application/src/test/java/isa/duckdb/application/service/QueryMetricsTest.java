package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service-wide statement counters GetMetrics reports. */
class QueryMetricsTest {

    @Test
    void everyStatementIsTimedAndTheFailedOnesCounted() {
        QueryMetrics metrics = new QueryMetrics();

        metrics.record(2_000_000, true);
        metrics.record(4_000_000, false);
        metrics.record(6_000_000, true);

        assertThat(metrics.summary().count()).isEqualTo(3);
        assertThat(metrics.summary().averageMillis()).isEqualTo(4.0);
        assertThat(metrics.summary().maxMillis()).isEqualTo(6.0);
        assertThat(metrics.failures()).isEqualTo(1);
    }

    @Test
    void theObserverIsToldEveryStatementWithItsTimeAndOutcome() {
        List<String> told = new ArrayList<>();
        QueryMetrics metrics = new QueryMetrics((nanos, succeeded) -> told.add(nanos + (succeeded ? " ok" : " failed")));

        metrics.record(2_000_000, true);
        metrics.record(4_000_000, false);

        assertThat(told).containsExactly("2000000 ok", "4000000 failed");
    }
}
