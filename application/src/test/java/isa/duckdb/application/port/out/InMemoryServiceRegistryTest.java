package isa.duckdb.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.domain.ServiceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryServiceRegistryTest extends ServiceRegistryContract {

    private InMemoryServiceRegistry registry;

    @BeforeEach
    void createRegistry() {
        registry = new InMemoryServiceRegistry();
    }

    @Override
    protected ServiceRegistry registry() {
        return registry;
    }

    @Override
    protected ServiceRegistry unreachableRegistry() {
        InMemoryServiceRegistry unreachable = new InMemoryServiceRegistry();
        unreachable.setAvailable(false);
        return unreachable;
    }

    @Test
    void keepsTheRegistrationItWasGiven() {
        registry.register(registration("duckdb-service-a", 50052));

        assertThat(registry.registration("duckdb-service-a")).hasValue(registration("duckdb-service-a", 50052));
    }

    @Test
    void forgetAllActsLikeAnAgentRestart() {
        registry.register(registration("duckdb-service-a", 50052));

        registry.forgetAll();

        assertThat(registry.isRegistered("duckdb-service-a")).isFalse();
        assertThat(registry.registrations()).isEmpty();
    }

    @Test
    void anOutageChangesNothingAndEndsWhenAvailableAgain() {
        registry.register(registration("duckdb-service-a", 50052));
        registry.setAvailable(false);

        assertThatThrownBy(() -> registry.deregister("duckdb-service-a")).isInstanceOf(ServiceException.class);

        registry.setAvailable(true);
        assertThat(registry.isRegistered("duckdb-service-a")).isTrue();
        assertThat(registry.calls()).containsExactly("register duckdb-service-a", "isRegistered duckdb-service-a");
    }
}
