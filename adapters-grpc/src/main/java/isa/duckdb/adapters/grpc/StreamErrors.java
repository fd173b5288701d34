package isa.duckdb.adapters.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import isa.duckdb.domain.ServiceException;
import java.util.function.Function;

/**
 * Ends a server stream with a failure as the contract says ("Errors"): the kinds it sends as a gRPC
 * status (PERMISSION_DENIED, DEADLINE_EXCEEDED, …) as that status, every other one as a last chunk
 * with {@code success=false} and the error text. A client that went away is told nothing.
 */
final class StreamErrors {
    private StreamErrors() {
    }

    /** @param errorChunk the stream's last chunk for an error text */
    static <C> void end(StreamObserver<C> call, ServiceException failure, Function<String, C> errorChunk) {
        try {
            if (Failures.isStatus(failure)) {
                call.onError(Failures.toStatus(failure));
                return;
            }
            call.onNext(errorChunk.apply(failure.getMessage()));
            call.onCompleted();
        } catch (StatusRuntimeException clientGone) {
            // the client went away; nothing to tell it
        }
    }
}
