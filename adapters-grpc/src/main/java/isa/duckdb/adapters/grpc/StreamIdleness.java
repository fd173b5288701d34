package isa.duckdb.adapters.grpc;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;

/** The failure that ends a stream whose peer neither took nor sent anything for the idle timeout. */
final class StreamIdleness {
    private StreamIdleness() {
    }

    /** DEADLINE_EXCEEDED naming the flag: for a result stream, {@code --stream-idle-timeout}. */
    static ServiceException failure(Duration timeout) {
        return new ServiceException(ErrorKind.DEADLINE_EXCEEDED, "the client read nothing of the stream for "
                + timeout.toSeconds() + " s (--stream-idle-timeout); the query was stopped");
    }

    /** DEADLINE_EXCEEDED naming {@code --upload-idle-timeout}. */
    static ServiceException uploadFailure(Duration timeout) {
        return new ServiceException(ErrorKind.DEADLINE_EXCEEDED, "the client sent nothing for " + timeout.toSeconds()
                + " s (--upload-idle-timeout); nothing was imported");
    }
}
