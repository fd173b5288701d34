package isa.duckdb.bootstrap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import isa.duckdb.adapters.grpc.RpcMetrics;
import isa.duckdb.adapters.grpc.StreamStats;
import isa.duckdb.adapters.minio.MinioObjectStorageAdapter;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.service.DatabaseLifecycle;
import isa.duckdb.application.service.LimitRefusals;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * The gauges and counters read when Prometheus scrapes (README, "Metrics and logs"): calls running and
 * waiting, rows and bytes streamed, open and unsynced databases, age of the oldest unsynced change, syncs and
 * sync failures, the storage circuit, DuckDB's memory, and the JVM's memory, GC, threads and CPU.
 */
@Singleton
final class ServiceMeters {
    private static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");

    private final MeterRegistry registry;
    private final DatabaseLifecycle lifecycle;
    private final Clock clock;

    @Inject
    ServiceMeters(MeterRegistry registry, DatabaseLifecycle lifecycle, Clock clock, RpcMetrics rpc,
            StreamStats streams, ObjectStorage storage, @Named(GrpcModule.CALLS) ExecutorService calls,
            LimitRefusals refusals) {
        this.registry = registry;
        for (LimitRefusals.Limit limit : LimitRefusals.Limit.values()) {
            FunctionCounter.builder("duckdb.tenant.limit.refusals", refusals, r -> r.count(limit))
                    .description("Calls a per-tenant limit refused with RESOURCE_EXHAUSTED").tag("limit", limit.label())
                    .register(registry);
        }
        this.lifecycle = lifecycle;
        this.clock = clock;
        Gauge.builder("grpc.server.calls.in.flight", rpc, RpcMetrics::inFlight)
                .description("Calls running now").register(registry);
        if (calls instanceof ForkJoinPool pool) {
            Gauge.builder("duckdb.calls.waiting", pool, p -> p.getQueuedSubmissionCount() + p.getQueuedTaskCount())
                    .description("Call events waiting for one of the --max-concurrent-calls threads").register(registry);
        }
        FunctionCounter.builder("duckdb.streamed.rows", streams, StreamStats::rows)
                .description("Rows sent by ExecuteQueryStream").register(registry);
        FunctionCounter.builder("duckdb.streamed.bytes", streams, StreamStats::bytes).baseUnit("bytes")
                .description("Bytes of chunks sent by ExecuteQueryStream").register(registry);
        databases();
        circuit(storage);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private void databases() {
        Gauge.builder("duckdb.databases.open", lifecycle, DatabaseLifecycle::openCount)
                .description("Databases open in this instance").register(registry);
        Gauge.builder("duckdb.databases.unsynced", lifecycle, l -> l.stats().dirtyDatabases())
                .description("Open databases with changes not yet written to storage").register(registry);
        Gauge.builder("duckdb.unsynced.oldest.age", lifecycle, l -> oldestUnsyncedSeconds(l, clock)).baseUnit("seconds")
                .description("Age of the oldest change not yet written to storage (0 when all are)").register(registry);
        FunctionCounter.builder("duckdb.syncs", lifecycle, l -> l.stats().syncs())
                .description("Databases written back to storage").register(registry);
        FunctionCounter.builder("duckdb.sync.failures", lifecycle, l -> l.stats().syncFailures())
                .description("Write-backs that failed or storage refused").register(registry);
        Gauge.builder("duckdb.engine.memory", lifecycle, DatabaseLifecycle::engineMemoryBytes).baseUnit("bytes")
                .description("Memory DuckDB holds for the open databases, summed (duckdb_memory())").register(registry);
    }

    /** One series per state, 1 for the current one; the filesystem storage has no breaker and is always closed. */
    private void circuit(ObjectStorage storage) {
        for (String state : CIRCUIT_STATES) {
            Gauge.builder("duckdb.storage.circuit.state", storage, s -> circuitState(s).equals(state) ? 1 : 0)
                    .description("The object storage circuit breaker's state").tag("state", state).register(registry);
        }
    }

    private static String circuitState(ObjectStorage storage) {
        return storage instanceof MinioObjectStorageAdapter minio
                ? minio.circuitState().toLowerCase(Locale.ROOT)
                : "closed";
    }

    /** Gauges hold their object weakly: each reads an object that lives as long as the service (not this one). */
    private static double oldestUnsyncedSeconds(DatabaseLifecycle lifecycle, Clock clock) {
        return lifecycle.oldestUnsyncedChange()
                .map(since -> Duration.between(since, clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }
}
