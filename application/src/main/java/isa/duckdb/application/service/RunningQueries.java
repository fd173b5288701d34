package isa.duckdb.application.service;

import isa.duckdb.application.port.in.RunningQueryView;
import isa.duckdb.application.port.out.CurrentCall;
import isa.duckdb.application.port.out.ServedCall;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.SqlExcerpt;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SQL running in this instance for callers, from the moment a statement is handed to the engine until
 * its rows are read or it failed: which call runs it, on which database, since when, and how many rows it
 * has produced. {@link QueryService} registers what it runs; {@link QueryControlService} lists and cancels.
 */
@Singleton
public final class RunningQueries {
    private final Set<Entry> running = ConcurrentHashMap.newKeySet();
    private final CurrentCall currentCall;
    private final Clock clock;

    /** @param currentCall names the call each query runs for; @param clock the start and elapsed times */
    @Inject
    public RunningQueries(CurrentCall currentCall, Clock clock) {
        this.currentCall = currentCall;
        this.clock = clock;
    }

    /** Lists the query until the returned entry is closed; the call is the one the current thread serves. */
    Entry started(DatabaseDescriptor database, String sql, CancellationSignal signal) {
        Entry entry = new Entry(currentCall.get(), database, SqlExcerpt.of(sql), signal, clock.instant());
        running.add(entry);
        return entry;
    }

    /** Every running query, oldest first. */
    List<Entry> all() {
        return running.stream().sorted(Comparator.comparing((Entry e) -> e.startedAt)).toList();
    }

    /** One query that runs now (listed, not yet closed), as operators see it. */
    final class Entry implements AutoCloseable, RunningQuery.Progress {
        private final ServedCall call;
        private final DatabaseDescriptor database;
        private final String sql;
        private final CancellationSignal signal;
        private final Instant startedAt;
        private final LongAdder rows = new LongAdder();
        private final AtomicBoolean closed = new AtomicBoolean();
        /** While the engine works for this query (running it or producing rows): since when; else null. */
        private final AtomicReference<Instant> inEngineSince = new AtomicReference<>();

        private Entry(ServedCall call, DatabaseDescriptor database, String sql, CancellationSignal signal,
                Instant startedAt) {
            this.call = call;
            this.database = database;
            this.sql = sql;
            this.signal = signal;
            this.startedAt = startedAt;
        }

        /** Counts rows handed out (or, for statements, affected). */
        @Override
        public void produced(long count) {
            rows.add(count);
        }

        @Override
        public void enteredEngine() {
            inEngineSince.set(clock.instant());
        }

        @Override
        public void leftEngine() {
            inEngineSince.set(null);
        }

        /** Since when the engine has been working on this query without a pause, or null while it waits for its caller. */
        Instant inEngineSince() {
            return inEngineSince.get();
        }

        Instant startedAt() {
            return startedAt;
        }

        boolean isStopped() {
            return signal.isCancelled();
        }

        /** Interrupts the query because a service-wide bound was reached; its call ends with RESOURCE_EXHAUSTED {@code why}. */
        void stop(String why) {
            signal.cancel(isa.duckdb.domain.ErrorKind.RESOURCE_EXHAUSTED, why);
        }

        String callId() {
            return call.callId();
        }

        DatabaseDescriptor database() {
            return database;
        }

        /** Interrupts the query; its call ends with CANCELLED naming {@code by}. */
        void cancel(String by) {
            signal.cancel(isa.duckdb.domain.ErrorKind.CANCELLED, by);
        }

        RunningQueryView view() {
            Instant now = clock.instant();
            return new RunningQueryView(call.callId(), database.tenant().id(), database.name().value(), call.rpc(),
                    sql, startedAt, Duration.between(startedAt, now).isNegative() ? Duration.ZERO
                            : Duration.between(startedAt, now), rows.sum());
        }

        /** No longer listed (once; later calls do nothing). */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                running.remove(this);
            }
        }
    }
}
