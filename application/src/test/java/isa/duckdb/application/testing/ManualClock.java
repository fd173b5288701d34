package isa.duckdb.application.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until a test moves it with {@link #advance(Duration)}, so idle
 * timeouts, expiries and timestamps in keys are tested without sleeping. Safe to read from
 * other threads.
 */
public final class ManualClock extends Clock {
    /** Where a clock made with the no-argument constructor starts. */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-01T12:00:00Z");

    private volatile Instant now;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by {@code step}. */
    public void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
