package isa.duckdb.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one small call in a loop on N client threads for a bounded time and a bounded number of
 * calls per thread, and measures calls per second and the median latency of a call. Each thread
 * gets its caller before the clock starts (connections are opened outside the measurement).
 */
public final class RateRunner {
    /** How one client thread's caller is made. */
    @FunctionalInterface
    public interface CallerFactory {
        Contender.Call caller(int thread) throws Exception;
    }

    /** Calls completed, wall time in nanoseconds, median latency of a call in nanoseconds. */
    public record Rate(long calls, long nanos, long p50Nanos) {
        /** Calls per second. */
        public double perSecond() {
            return calls * 1e9 / nanos;
        }

        /** Median latency in milliseconds. */
        public double p50Millis() {
            return p50Nanos / 1e6;
        }
    }

    private RateRunner() {
    }

    /**
     * Runs {@code threads} callers for {@code duration} or until each made {@code maxCallsPerThread}
     * calls. The first failing call stops the run and is rethrown.
     */
    public static Rate run(int threads, Duration duration, int maxCallsPerThread, CallerFactory factory) throws Exception {
        List<Contender.Call> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            callers.add(factory.caller(t));
        }
        long[][] latencies = new long[threads][maxCallsPerThread];
        int[] counts = new int[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    long deadline = window[0] + duration.toNanos();
                    long[] mine = latencies[thread];
                    Contender.Call call = callers.get(thread);
                    int n = 0;
                    long before = System.nanoTime();
                    while (n < mine.length && before < deadline && failure.get() == null) {
                        call.call();
                        long after = System.nanoTime();
                        mine[n++] = after - before;
                        before = after;
                    }
                    counts[thread] = n;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - window[0];
        if (failure.get() != null) {
            Throwable e = failure.get();
            throw e instanceof Exception exception ? exception : new IllegalStateException(e);
        }
        return new Rate(Arrays.stream(counts).asLongStream().sum(), elapsed, median(latencies, counts));
    }

    static long median(long[][] latencies, int[] counts) {
        int total = Arrays.stream(counts).sum();
        if (total == 0) {
            return 0;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < latencies.length; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all[(total - 1) / 2];
    }
}
