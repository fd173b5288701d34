package isa.duckdb.application.service;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many calls each per-tenant limit refused (issue 12's limits, counted for issue 14's metrics):
 * counted where the limit answers RESOURCE_EXHAUSTED. Counts only grow; there is no label per
 * tenant, so the number of series stays fixed.
 */
@Singleton
public final class LimitRefusals {
    /** The per-tenant limits, as the metric's {@code limit} label names them. */
    public enum Limit {
        CALLS("calls"), TIMEOUT("timeout"), DATABASES("databases"), STORED_BYTES("stored_bytes");

        private final String label;

        Limit(String label) {
            this.label = label;
        }

        /** The label value: {@code calls}, {@code timeout}, {@code databases}, {@code stored_bytes}. */
        public String label() {
            return label;
        }
    }

    private final Map<Limit, AtomicLong> counts = new EnumMap<>(Limit.class);

    @Inject
    public LimitRefusals() {
        for (Limit limit : Limit.values()) {
            counts.put(limit, new AtomicLong());
        }
    }

    void refused(Limit limit) {
        counts.get(limit).incrementAndGet();
    }

    /** Calls the limit refused since the service started. */
    public long count(Limit limit) {
        return counts.get(limit).get();
    }
}
