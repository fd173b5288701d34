package isa.duckdb.adapters.grpc;

import isa.duckdb.application.port.in.LatencySummary;
import isa.duckdb.application.service.LatencyHistogram;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls per RPC method: how many, how many failed, how long they took, and how many run now. */
@Singleton
public final class RpcMetrics {
    private final Map<String, Method> methods = new ConcurrentHashMap<>();
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /** No calls yet; one instance counts for the whole server (the interceptor adds, GetMetrics reads). */
    @Inject
    public RpcMetrics() {
    }

    /** One method's counters. */
    static final class Method {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
    }

    /** @param calls finished calls; @param errors of those, the ones answered with success=false or a non-OK status */
    public record MethodSnapshot(long calls, long errors, LatencySummary latency) {
    }

    Method method(String fullMethodName) {
        Method method = methods.get(fullMethodName);
        return method != null ? method : methods.computeIfAbsent(fullMethodName, name -> new Method());
    }

    void started() {
        inFlight.increment();
    }

    void finished(Method method, long nanos, boolean succeeded) {
        inFlight.decrement();
        calls.increment();
        method.calls.increment();
        method.latency.record(nanos);
        if (!succeeded) {
            errors.increment();
            method.errors.increment();
        }
    }

    public long inFlight() {
        return inFlight.sum();
    }

    public long calls() {
        return calls.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Per method, by gRPC's full method name, sorted. */
    public Map<String, MethodSnapshot> byMethod() {
        Map<String, MethodSnapshot> snapshot = new TreeMap<>();
        methods.forEach((name, method) -> snapshot.put(name,
                new MethodSnapshot(method.calls.sum(), method.errors.sum(), method.latency.summary())));
        return snapshot;
    }
}
