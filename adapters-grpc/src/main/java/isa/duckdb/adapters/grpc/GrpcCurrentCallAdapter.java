package isa.duckdb.adapters.grpc;

import isa.duckdb.application.port.out.CurrentCall;
import isa.duckdb.application.port.out.ServedCall;
import jakarta.inject.Inject;

/** The call a thread serves, from the gRPC {@link io.grpc.Context} the metrics interceptor filled. */
public final class GrpcCurrentCallAdapter implements CurrentCall {

    @Inject
    public GrpcCurrentCallAdapter() {
    }

    @Override
    public ServedCall get() {
        CallRecord record = CallRecord.KEY.get();
        return record == null ? ServedCall.NONE : new ServedCall(record.callId(), record.rpc());
    }
}
