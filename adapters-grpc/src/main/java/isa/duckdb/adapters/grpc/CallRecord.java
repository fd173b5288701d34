package isa.duckdb.adapters.grpc;

import io.grpc.Context;
import io.grpc.Status;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call being counted and logged. It travels in the gRPC {@link Context} so that the service can say
 * when it answered a request with {@code success=false}, which gRPC itself sees as an OK call, and so that
 * the core can name the call it serves ({@link GrpcCurrentCallAdapter}).
 */
final class CallRecord {
    static final Context.Key<CallRecord> KEY = Context.key("isa.duckdb.call-record");

    private final RpcMetrics metrics;
    private final String fullMethodName;
    private final RpcMetrics.Method method;
    private final String callId;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicLong rows = new AtomicLong();
    private volatile boolean failed;
    private volatile String failureCode;
    private volatile Object request;
    private volatile String forwardedTo = "";

    /**
     * @param fullMethodName gRPC's name of the method, {@code isa.duckdb.DuckDBService/ExecuteQuery}
     * @param callId the id of the call as the instance that forwarded it here named it ({@link #isCallId}); empty
     *     for a new id
     */
    CallRecord(RpcMetrics metrics, String fullMethodName, String callId) {
        this.callId = isCallId(callId) ? callId : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        this.metrics = metrics;
        this.fullMethodName = fullMethodName;
        this.method = metrics.method(fullMethodName);
        metrics.started();
    }

    /** Whether {@code text} has the form of a call id: 16 lower-case hex digits. */
    static boolean isCallId(String text) {
        return text != null && text.length() == 16 && text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** The current call's id, or empty outside a counted call. */
    static String currentId() {
        CallRecord record = KEY.get();
        return record != null ? record.callId : "";
    }

    /** Marks the current call (if it is counted) as answered with a failure. */
    static void markFailed() {
        CallRecord record = KEY.get();
        if (record != null) {
            record.failed = true;
        }
    }

    /**
     * Marks the current call (if it is counted) as forwarded to the instance {@code instanceId} that serves its
     * database; an empty id takes the mark back (the call is served here after all).
     */
    static void markForwarded(String instanceId) {
        CallRecord record = KEY.get();
        if (record != null) {
            record.forwardedTo = instanceId;
        }
    }

    /** gRPC's full name of the current call's method, or {@code "an uncounted call"} outside a counted call. */
    static String currentMethod() {
        CallRecord record = KEY.get();
        return record != null ? record.fullMethodName : "an uncounted call";
    }

    /** 16 hex digits naming this call in logs, in the {@code isa-call-id} header and in ListRunningQueries. */
    String callId() {
        return callId;
    }

    /** The method without this service's prefix ({@code ExecuteQuery}); other services' methods in full. */
    String rpc() {
        return fullMethodName.startsWith(MetricsStructs.SERVICE_PREFIX)
                ? fullMethodName.substring(MetricsStructs.SERVICE_PREFIX.length())
                : fullMethodName;
    }

    /** Keeps the first request message (client streams: the one with the metadata) for the log line. */
    void received(Object message) {
        if (request == null) {
            request = message;
        }
    }

    /** Counts the response's rows and notes a {@code success=false} answer. */
    void sent(Object message) {
        rows.addAndGet(CallFacts.rows(message));
        String code = CallFacts.failureCode(message);
        if (code != null && failureCode == null) {
            failureCode = code;
        }
    }

    /**
     * Ends the record once: counts the call and returns what it was; null when it had ended already.
     *
     * @param status the status the call closed with; null when the client cancelled it
     */
    FinishedCall finish(Status status) {
        if (!finished.compareAndSet(false, true)) {
            return null;
        }
        long nanos = System.nanoTime() - startNanos;
        String code = status == null ? Status.Code.CANCELLED.name()
                : !status.isOk() ? status.getCode().name()
                : failureCode != null ? failureCode
                : failed ? "UNKNOWN" : "OK";
        metrics.finished(method, nanos, "OK".equals(code));
        Object asked = request;
        return new FinishedCall(callId, rpc(), CallFacts.text(asked, "user_id"), CallFacts.text(asked, "database_id"),
                code, Duration.ofNanos(nanos), rows.get(), CallFacts.sql(asked), forwardedTo);
    }
}
