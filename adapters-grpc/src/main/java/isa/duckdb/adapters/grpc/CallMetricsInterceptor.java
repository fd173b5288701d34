package isa.duckdb.adapters.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every call an id (response header or trailer {@code isa-call-id}), counts it per method (calls, failures,
 * latency, calls running now), and when it ends (just before its status is sent) tells the
 * {@link CallListener}s: the call log and metrics exporters.
 */
public final class CallMetricsInterceptor implements ServerInterceptor {
    /**
     * The response header carrying the call's id, the one logs and ListRunningQueries show; in the trailers
     * instead for a call that ends without headers (a unary call failing with a status).
     */
    public static final Metadata.Key<String> CALL_ID_HEADER = Metadata.Key.of("isa-call-id",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger LOG = LoggerFactory.getLogger(CallMetricsInterceptor.class);

    private final RpcMetrics metrics;
    private final List<CallListener> listeners;

    /** Counting only, no log lines or other listeners (tests). */
    public CallMetricsInterceptor(RpcMetrics metrics) {
        this(metrics, Set.of());
    }

    /** @param listeners told about every finished call, e.g. {@link CallLog} */
    @Inject
    public CallMetricsInterceptor(RpcMetrics metrics, Set<CallListener> listeners) {
        this.metrics = metrics;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String forwardedId = headers.containsKey(ForwardingInterceptor.FORWARDED_BY)
                ? headers.get(ForwardingInterceptor.FORWARDED_CALL_ID) : null;
        CallRecord record = new CallRecord(metrics, call.getMethodDescriptor().getFullMethodName(),
                forwardedId == null ? "" : forwardedId);
        ServerCall<Q, R> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private boolean headersSent;

            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.discardAll(CALL_ID_HEADER);
                responseHeaders.put(CALL_ID_HEADER, record.callId());
                headersSent = true;
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void sendMessage(R message) {
                record.sent(message);
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (!headersSent) {
                    trailers.discardAll(CALL_ID_HEADER);
                    trailers.put(CALL_ID_HEADER, record.callId());
                }
                finish(record, status);
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = Contexts.interceptCall(Context.current().withValue(CallRecord.KEY, record), counted, headers, next);
        } catch (RuntimeException e) {
            finish(record, Status.fromThrowable(e));
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                record.received(message);
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                finish(record, null);
                super.onCancel();
            }

            @Override
            public void onComplete() {
                finish(record, Status.OK);
                super.onComplete();
            }
        };
    }

    private void finish(CallRecord record, Status status) {
        FinishedCall finished = record.finish(status);
        if (finished == null) {
            return;
        }
        for (CallListener listener : listeners) {
            try {
                listener.finished(finished);
            } catch (RuntimeException e) {
                LOG.warn("A call listener failed on {} ({})", finished.rpc(), e.toString());
            }
        }
    }
}
