package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceExceptionTest {

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of((Function<String, ServiceException>) ServiceException::invalid, ErrorKind.INVALID_ARGUMENT),
                Arguments.of((Function<String, ServiceException>) ServiceException::notFound, ErrorKind.NOT_FOUND),
                Arguments.of((Function<String, ServiceException>) ServiceException::alreadyExists,
                        ErrorKind.ALREADY_EXISTS),
                Arguments.of((Function<String, ServiceException>) ServiceException::failedPrecondition,
                        ErrorKind.FAILED_PRECONDITION));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void theMessageStartsWithTheKindsCodeWord(Function<String, ServiceException> factory, ErrorKind kind) {
        ServiceException e = factory.apply("database 'sales' does not exist for user 'alice'");

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).isEqualTo(kind.name() + ": database 'sales' does not exist for user 'alice'");
        assertThat(e.detail()).isEqualTo("database 'sales' does not exist for user 'alice'");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void aWrappedFailureKeepsItsCause() {
        IOException cause = new IOException("disk full");
        ServiceException e = new ServiceException(ErrorKind.UNAVAILABLE, "storage is unavailable", cause);

        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.getMessage()).isEqualTo("UNAVAILABLE: storage is unavailable");
    }
}
