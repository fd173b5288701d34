package isa.duckdb.adapters.grpc;

import io.grpc.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call being counted. It travels in the gRPC {@link Context} so that the service can say
 * when it answered a request with {@code success=false}, which gRPC itself sees as an OK call.
 */
final class CallRecord {
    static final Context.Key<CallRecord> KEY = Context.key("isa.duckdb.call-record");

    private final RpcMetrics metrics;
    private final String fullMethodName;
    private final RpcMetrics.Method method;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean failed;

    /** @param fullMethodName gRPC's name of the method, {@code isa.duckdb.DuckDBService/ExecuteQuery} */
    CallRecord(RpcMetrics metrics, String fullMethodName) {
        this.metrics = metrics;
        this.fullMethodName = fullMethodName;
        this.method = metrics.method(fullMethodName);
        metrics.started();
    }

    /** Marks the current call (if it is counted) as answered with a failure. */
    static void markFailed() {
        CallRecord record = KEY.get();
        if (record != null) {
            record.failed = true;
        }
    }

    /** gRPC's full name of the current call's method, or {@code "an uncounted call"} outside a counted call. */
    static String currentMethod() {
        CallRecord record = KEY.get();
        return record != null ? record.fullMethodName : "an uncounted call";
    }

    void finish(boolean statusOk) {
        if (finished.compareAndSet(false, true)) {
            metrics.finished(method, System.nanoTime() - startNanos, statusOk && !failed);
        }
    }
}
