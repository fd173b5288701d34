package isa.duckdb.adapters.grpc;

import java.time.Duration;

/**
 * Fires once when a stream made no progress for {@code timeout}: armed when the stream stalls (the client takes or
 * sends nothing), disarmed when it moves again. A zero timeout never fires.
 */
final class IdleTimer {
    private final StreamTimers timers;
    private final Duration timeout;
    private final Runnable onIdle;
    private Runnable pending;
    private boolean stopped;

    IdleTimer(StreamTimers timers, Duration timeout, Runnable onIdle) {
        this.timers = timers;
        this.timeout = timeout;
        this.onIdle = onIdle;
    }

    Duration timeout() {
        return timeout;
    }

    /** The stream waits for its peer; starts the countdown unless it runs already. */
    synchronized void stalled() {
        if (!stopped && pending == null && !timeout.isZero()) {
            pending = timers.after(timeout, onIdle);
        }
    }

    /** The stream moved: the countdown starts over at the next stall. */
    synchronized void moved() {
        if (pending != null) {
            pending.run();
            pending = null;
        }
    }

    /** The stream ended; nothing fires any more. */
    synchronized void stop() {
        moved();
        stopped = true;
    }

    /** Restarts the countdown: the stream moved and waits again. */
    synchronized void restart() {
        moved();
        stalled();
    }
}
