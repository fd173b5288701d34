package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;

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
}
