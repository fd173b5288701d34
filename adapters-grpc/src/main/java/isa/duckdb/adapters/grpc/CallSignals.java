package isa.duckdb.adapters.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;

/** A cancellation signal that fires when the gRPC call is cancelled or its deadline passes. */
final class CallSignals {
    private CallSignals() {
    }

    static CancellationSignal forCurrentCall() {
        CancellationSignal signal = new CancellationSignal();
        Context context = Context.current();
        context.addListener(cancelled -> {
            Deadline deadline = cancelled.getDeadline();
            signal.cancel(deadline != null && deadline.isExpired() ? ErrorKind.DEADLINE_EXCEEDED : ErrorKind.CANCELLED);
        }, Runnable::run);
        return signal;
    }
}
