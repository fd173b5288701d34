package isa.duckdb.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import isa.duckdb.adapters.grpc.CallListener;
import isa.duckdb.adapters.grpc.FinishedCall;
import isa.duckdb.application.port.out.QueryObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The two histograms fed per event: {@code grpc_server_calls_seconds} (every finished call, labelled by
 * {@code method} and {@code code}) and {@code duckdb_query_duration_seconds} (every statement's time inside
 * DuckDB, labelled by {@code outcome} = ok|failed). Labels never carry tenants, databases or SQL.
 */
@Singleton
final class MeteredCalls implements CallListener, QueryObserver {
    /** Bucket bounds of both histograms: 1 ms to 5 minutes. */
    static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Timer queriesOk;
    private final Timer queriesFailed;

    @Inject
    MeteredCalls(MeterRegistry registry) {
        this.registry = registry;
        this.queriesOk = queryTimer(registry, "ok");
        this.queriesFailed = queryTimer(registry, "failed");
    }

    private static Timer queryTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("duckdb.query.duration")
                .description("Time SQL statements spent inside DuckDB (running and producing rows)")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public void finished(FinishedCall call) {
        Timer.builder("grpc.server.calls")
                .description("Finished gRPC calls by method and status code (the error's code word for "
                        + "success=false answers)")
                .tags("method", call.rpc(), "code", call.code())
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(call.duration());
    }

    @Override
    public void statementFinished(long engineNanos, boolean succeeded) {
        (succeeded ? queriesOk : queriesFailed).record(engineNanos, TimeUnit.NANOSECONDS);
    }
}
