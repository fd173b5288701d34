package isa.duckdb.application.service;

import isa.duckdb.application.port.out.ProcessMemory;
import isa.duckdb.domain.ByteSize;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the service process under its memory limit (issue 12: a tenant's query must never take the process down).
 * DuckDB's {@code memory_limit} bounds only what its buffer manager tracks; a list or string built inside one
 * expression ({@code range(500000000)}, {@code repeat('x', 2000000000)}) is allocated beside it and can grow until
 * the kernel kills the process. {@link #check} runs every {@code --memory-check-interval}: while the process's
 * resident memory is above the limit and still growing (by {@link #MIN_GROWTH} or more within the last
 * {@link #GRACE}) it stops one running query with RESOURCE_EXHAUSTED naming the limit, then gives the engine
 * {@link #GRACE} to hand the memory back before it stops another. Memory that stays high without growing (an
 * allocator that keeps freed memory for reuse) stops nothing.
 *
 * <p>The query stopped is the one the engine has been working on the longest without a pause (a runaway
 * expression keeps the engine busy; a stream waiting for its reader or a short {@code SELECT 1} does not); when
 * none is in the engine, the newest query.
 */
public final class MemoryGuard {
    /** How long a stopped query has to give its memory back before another one is stopped. */
    static final Duration GRACE = Duration.ofSeconds(1);
    /** Growth within {@link #GRACE} that counts as growing; less is noise of the calls that come and go. */
    static final long MIN_GROWTH = 16L << 20;
    private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());

    private final ProcessMemory memory;
    private final RunningQueries running;
    private final ByteSize limit;
    private final Clock clock;
    private Instant lastStop = Instant.MIN;
    /** Samples of the last {@link #GRACE}, oldest first. */
    private final java.util.ArrayDeque<Sample> recent = new java.util.ArrayDeque<>();

    /**
     * @param limit the process memory limit ({@code --process-memory-limit}); {@link ByteSize#ZERO} turns the
     *     guard off
     */
    public MemoryGuard(ProcessMemory memory, RunningQueries running, ByteSize limit, Clock clock) {
        this.memory = memory;
        this.running = running;
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * One look at the process's memory; stops at most one query. Returns the stopped query's call id, if any.
     */
    public synchronized Optional<String> check() {
        long resident = memory.residentBytes();
        if (limit.bytes() <= 0 || resident < 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(now.minus(GRACE))) {
            recent.pollFirst();
        }
        long lowest = recent.stream().mapToLong(Sample::resident).min().orElse(0);
        recent.addLast(new Sample(now, resident));
        if (resident <= limit.bytes() || resident - lowest < MIN_GROWTH || now.isBefore(lastStop.plus(GRACE))) {
            return Optional.empty();
        }
        Optional<RunningQueries.Entry> victim = victim(running.all());
        victim.ifPresent(entry -> {
            lastStop = now;
            LOG.log(Level.WARNING, "Process memory {0} is above --process-memory-limit {1}: stopping call {2} of tenant {3}",
                    ByteSize.of(resident), limit, entry.callId(), entry.database().tenant().id());
            entry.stop("the service process is above its memory limit of " + limit + " (--process-memory-limit);"
                    + " ask for less at once (smaller lists and strings, fewer rows per value)");
        });
        return victim.map(RunningQueries.Entry::callId);
    }

    private static Optional<RunningQueries.Entry> victim(List<RunningQueries.Entry> all) {
        List<RunningQueries.Entry> live = all.stream().filter(e -> !e.isStopped()).toList();
        Optional<RunningQueries.Entry> busiest = live.stream()
                .filter(e -> e.inEngineSince() != null)
                .min(Comparator.comparing(RunningQueries.Entry::inEngineSince));
        return busiest.isPresent() ? busiest
                : live.stream().max(Comparator.comparing(RunningQueries.Entry::startedAt));
    }

    private record Sample(Instant at, long resident) {
    }
}
