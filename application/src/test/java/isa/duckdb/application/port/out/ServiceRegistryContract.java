package isa.duckdb.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.GrpcHealthCheck;
import isa.duckdb.application.port.out.ServiceRegistration;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a user of {@link ServiceRegistry} relies on. Every implementation (fake or real adapter)
 * extends this class; {@link #registry()} returns a registry that knows none of the ids used
 * here, and {@link #unreachableRegistry()} one whose backend cannot be reached.
 */
public abstract class ServiceRegistryContract {

    protected static final String SERVICE_NAME = "duckdb-grpc-service";

    /** The registry under test, without registrations of the ids used by the contract. */
    protected abstract ServiceRegistry registry();

    /** A registry of the same kind whose backend does not answer. */
    protected abstract ServiceRegistry unreachableRegistry();

    /** A registration as the service makes it, for instance {@code id} on {@code port}. */
    protected static ServiceRegistration registration(String id, int port) {
        return new ServiceRegistration(SERVICE_NAME, id, "127.0.0.1", port, List.of("grpc", "duckdb", "analytics"),
                Map.of("service_type", "duckdb", "version", "test"),
                new GrpcHealthCheck("127.0.0.1:" + port, Duration.ofSeconds(10), Duration.ofSeconds(5),
                        Duration.ofSeconds(30)));
    }

    @Test
    void aRegisteredServiceIsKnownUntilDeregistered() {
        assertThat(registry().isRegistered("duckdb-service-a")).isFalse();

        registry().register(registration("duckdb-service-a", 50052));
        assertThat(registry().isRegistered("duckdb-service-a")).isTrue();

        registry().deregister("duckdb-service-a");
        assertThat(registry().isRegistered("duckdb-service-a")).isFalse();
    }

    @Test
    void registeringAgainReplacesTheRegistration() {
        registry().register(registration("duckdb-service-a", 50052));

        assertThatCode(() -> registry().register(registration("duckdb-service-a", 50053)))
                .doesNotThrowAnyException();

        assertThat(registry().isRegistered("duckdb-service-a")).isTrue();
        registry().deregister("duckdb-service-a");
        assertThat(registry().isRegistered("duckdb-service-a")).isFalse();
    }

    @Test
    void instancesAreRegisteredIndependently() {
        registry().register(registration("duckdb-service-a", 50052));
        registry().register(registration("duckdb-service-b", 50053));

        registry().deregister("duckdb-service-a");

        assertThat(registry().isRegistered("duckdb-service-a")).isFalse();
        assertThat(registry().isRegistered("duckdb-service-b")).isTrue();
        registry().deregister("duckdb-service-b");
    }

    @Test
    void deregisteringAnUnknownIdIsNotAnError() {
        assertThatCode(() -> registry().deregister("duckdb-service-never-registered")).doesNotThrowAnyException();
        assertThat(registry().isRegistered("duckdb-service-never-registered")).isFalse();
    }

    @Test
    void anUnreachableRegistryAnswersEveryCallWithUnavailable() throws Throwable {
        ServiceRegistry unreachable = unreachableRegistry();
        List<Executable> calls = List.of(
                () -> unreachable.register(registration("duckdb-service-a", 50052)),
                () -> unreachable.isRegistered("duckdb-service-a"),
                () -> unreachable.deregister("duckdb-service-a"));
        for (Executable call : calls) {
            ServiceException e = catchThrowableOfType(ServiceException.class, call::execute);
            assertThat(e).as("a ServiceException").isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("UNAVAILABLE: ");
        }
    }
}
