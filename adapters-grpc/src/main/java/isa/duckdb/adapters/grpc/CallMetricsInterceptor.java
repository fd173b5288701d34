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

/** Counts every call per method (calls, failures, latency) and the calls running now. */
public final class CallMetricsInterceptor implements ServerInterceptor {
    private final RpcMetrics metrics;

    @Inject
    public CallMetricsInterceptor(RpcMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        CallRecord record = new CallRecord(metrics, call.getMethodDescriptor().getFullMethodName());
        ServerCall<Q, R> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                record.finish(status.isOk());
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = Contexts.interceptCall(Context.current().withValue(CallRecord.KEY, record), counted, headers, next);
        } catch (RuntimeException e) {
            record.finish(false);
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                record.finish(false);
                super.onCancel();
            }

            @Override
            public void onComplete() {
                record.finish(true);
                super.onComplete();
            }
        };
    }
}
