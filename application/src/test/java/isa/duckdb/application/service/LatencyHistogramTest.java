package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import isa.duckdb.application.port.in.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void anEmptyHistogramSaysNothingHappened() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void averageAndMaximumAreExactAndPercentilesWithinABucket() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            histogram.record(TimeUnit.MILLISECONDS.toNanos(millis));
        }

        LatencySummary summary = histogram.summary();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.averageMillis()).isCloseTo(50.5, within(1e-9));
        assertThat(summary.maxMillis()).isCloseTo(100, within(1e-9));
        assertThat(summary.p50Millis()).isBetween(50.0, 50 * 1.5);
        assertThat(summary.p95Millis()).isBetween(95.0, 100.0);
        assertThat(summary.p99Millis()).isBetween(99.0, 100.0);
    }

    @Test
    void aFewSlowCallsShowInTheHighPercentilesOnly() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 980; i++) {
            histogram.record(TimeUnit.MICROSECONDS.toNanos(200));
        }
        for (int i = 0; i < 20; i++) {
            histogram.record(TimeUnit.SECONDS.toNanos(2));
        }

        LatencySummary summary = histogram.summary();

        assertThat(summary.p50Millis()).isBetween(0.2, 0.3);
        assertThat(summary.p95Millis()).isBetween(0.2, 0.3);
        assertThat(summary.p99Millis()).isBetween(2000.0, 2000.0 * 1.5);
    }

    @Test
    void durationsBeyondTheLastBucketAndNegativeOnesAreCounted() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(TimeUnit.HOURS.toNanos(3));
        histogram.record(-5);

        LatencySummary summary = histogram.summary();

        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.maxMillis()).isEqualTo(TimeUnit.HOURS.toMillis(3));
        assertThat(summary.p99Millis()).isEqualTo(TimeUnit.HOURS.toMillis(3));
    }

    @Test
    void concurrentRecordingLosesNothing() throws InterruptedException {
        LatencyHistogram histogram = new LatencyHistogram();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    histogram.record(i * 1_000L);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(histogram.summary().count()).isEqualTo(40_000);
    }
}
