package isa.duckdb.application.port.out;

import isa.duckdb.application.port.out.ServiceRegistration;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ServiceRegistry} that keeps registrations in a map, for tests. Thread-safe.
 *
 * <p>{@link #setAvailable(boolean) setAvailable(false)} simulates an unreachable agent (every call
 * throws UNAVAILABLE and changes nothing); {@link #forgetAll()} simulates an agent restart.
 * {@link #calls()} lists every call that reached the registry, e.g. {@code register duckdb-service-a}.
 */
public final class InMemoryServiceRegistry implements ServiceRegistry {

    private final Map<String, ServiceRegistration> registrations = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private boolean available = true;

    public synchronized void setAvailable(boolean available) {
        this.available = available;
    }

    /** Forgets every registration, as a restarted Consul agent does. */
    public synchronized void forgetAll() {
        registrations.clear();
    }

    public synchronized Optional<ServiceRegistration> registration(String serviceId) {
        return Optional.ofNullable(registrations.get(serviceId));
    }

    public synchronized List<ServiceRegistration> registrations() {
        return List.copyOf(registrations.values());
    }

    /** Calls that reached an available registry, oldest first. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void register(ServiceRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        checkAvailable();
        calls.add("register " + registration.id());
        registrations.put(registration.id(), registration);
    }

    @Override
    public synchronized void deregister(String serviceId) {
        checkAvailable();
        calls.add("deregister " + serviceId);
        registrations.remove(serviceId);
    }

    @Override
    public synchronized boolean isRegistered(String serviceId) {
        checkAvailable();
        calls.add("isRegistered " + serviceId);
        return registrations.containsKey(serviceId);
    }

    private void checkAvailable() {
        if (!available) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "service registry is unavailable");
        }
    }
}
