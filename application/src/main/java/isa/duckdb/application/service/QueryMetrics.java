package isa.duckdb.application.service;

import isa.duckdb.application.port.in.LatencySummary;
import isa.duckdb.application.port.out.QueryObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/** Every SQL statement the service ran for a caller: how long the engine took, and how many failed. */
@Singleton
public final class QueryMetrics {
    private final LatencyHistogram time = new LatencyHistogram();
    private final LongAdder failed = new LongAdder();
    private final QueryObserver observer;

    /** Empty metrics that tell no one (one database's counters; tests). */
    public QueryMetrics() {
        this(QueryObserver.NONE);
    }

    /**
     * Empty metrics; one instance counts for the whole service (QueryService records, MetricsService reads).
     *
     * @param observer also told each statement (the metrics exporter)
     */
    @Inject
    public QueryMetrics(QueryObserver observer) {
        this.observer = observer;
    }

    void record(long engineNanos, boolean succeeded) {
        observer.statementFinished(engineNanos, succeeded);
        time.record(engineNanos);
        if (!succeeded) {
            failed.increment();
        }
    }

    public LatencySummary summary() {
        return time.summary();
    }

    public long failures() {
        return failed.sum();
    }
}
