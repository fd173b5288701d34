package isa.duckdb.bootstrap;

import isa.duckdb.application.service.MemoryGuard;
import isa.duckdb.domain.ByteSize;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link MemoryGuard} every {@link ResourceBounds#memoryCheckInterval()} from {@link #start()} on. */
@Singleton
final class MemoryWatch {
    static final String EXECUTOR = "memory-guard";
    private static final Logger LOG = LoggerFactory.getLogger(MemoryWatch.class);

    private final MemoryGuard guard;
    private final ServiceConfig config;
    private final ScheduledExecutorService executor;

    @Inject
    MemoryWatch(MemoryGuard guard, ServiceConfig config, @Named(EXECUTOR) ScheduledExecutorService executor) {
        this.guard = guard;
        this.config = config;
        this.executor = executor;
    }

    void start() {
        ResourceBounds bounds = config.resourceBounds();
        if (bounds.processMemoryLimit().isZero()) {
            LOG.warn("--process-memory-limit is 0: a query whose lists or strings grow beyond DuckDB's memory_limit"
                    + " can take the whole process down");
            return;
        }
        ByteSize data = DataSegmentLimit.forProcessLimit(bounds.processMemoryLimit());
        DataSegmentLimit.apply(data).ifPresentOrElse(
                why -> LOG.warn("Could not set the process's data limit (RLIMIT_DATA) to {}: {}; a query whose single"
                        + " expression allocates beyond memory can still take the process down", data, why),
                () -> LOG.info("Process memory limit {} (checked every {} ms), data limit {}; databases' memory_limit {}",
                        bounds.processMemoryLimit(), bounds.memoryCheckInterval().toMillis(), data,
                        bounds.databaseMemoryLimit(config.memoryLimit(), Runtime.getRuntime().maxMemory())));
        long period = bounds.memoryCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            guard.check();
        } catch (RuntimeException e) {
            LOG.error("The memory guard failed; it runs again at the next interval", e);
        }
    }
}
