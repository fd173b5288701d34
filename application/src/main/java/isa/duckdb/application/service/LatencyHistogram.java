package isa.duckdb.application.service;

import isa.duckdb.application.port.in.LatencySummary;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durations counted in fixed buckets growing by half from 10 µs to about 100 s, without locks:
 * recording is a binary search over 41 bounds and two or three atomic adds. Percentiles are
 * read as the upper bound of the bucket they fall in (never above the largest duration seen).
 */
public final class LatencyHistogram {
    private static final long SMALLEST_BOUND_NANOS = 10_000;
    private static final double GROWTH = 1.5;
    private static final long[] UPPER_BOUNDS_NANOS = bounds(40);

    private final AtomicLongArray counts = new AtomicLongArray(UPPER_BOUNDS_NANOS.length + 1);
    private final LongAdder total = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();

    private static long[] bounds(int count) {
        long[] bounds = new long[count];
        double bound = SMALLEST_BOUND_NANOS;
        for (int i = 0; i < count; i++) {
            bounds[i] = Math.round(bound);
            bound *= GROWTH;
        }
        return bounds;
    }

    public void record(long nanos) {
        long duration = Math.max(nanos, 0);
        counts.incrementAndGet(bucketOf(duration));
        total.increment();
        sumNanos.add(duration);
        if (duration > maxNanos.get()) {
            maxNanos.accumulateAndGet(duration, Math::max);
        }
    }

    public long count() {
        return total.sum();
    }

    public LatencySummary summary() {
        long[] snapshot = new long[counts.length()];
        long count = 0;
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
            count += snapshot[i];
        }
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        long max = maxNanos.get();
        return new LatencySummary(count, millis(sumNanos.sum()) / count, millis(percentile(snapshot, count, 0.50, max)),
                millis(percentile(snapshot, count, 0.95, max)), millis(percentile(snapshot, count, 0.99, max)),
                millis(max));
    }

    private static long percentile(long[] snapshot, long count, double quantile, long max) {
        long rank = (long) Math.ceil(quantile * count);
        long seen = 0;
        for (int i = 0; i < snapshot.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return i < UPPER_BOUNDS_NANOS.length ? Math.min(UPPER_BOUNDS_NANOS[i], max) : max;
            }
        }
        return max;
    }

    private static int bucketOf(long nanos) {
        int low = 0;
        int high = UPPER_BOUNDS_NANOS.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (UPPER_BOUNDS_NANOS[middle] < nanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
