package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.domain.ServiceException;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs a unary call's body and answers with its response, an error response, or a status. */
final class UnaryCalls {
    private UnaryCalls() {
    }

    static <R> void answer(StreamObserver<R> observer, Supplier<R> body, Function<String, R> errorResponse) {
        R response;
        try {
            response = body.get();
        } catch (RuntimeException e) {
            ServiceException failure = Failures.normalize(e);
            if (Failures.isStatus(failure)) {
                observer.onError(Failures.toStatus(failure));
                return;
            }
            CallRecord.markFailed();
            response = errorResponse.apply(failure.getMessage());
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
