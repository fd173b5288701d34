package isa.duckdb.application.port.out;

/**
 * Service discovery (a Consul agent): makes this instance findable while it serves. Every method
 * throws {@link isa.duckdb.domain.ServiceException} UNAVAILABLE when the registry cannot be reached.
 */
public interface ServiceRegistry {

    /** Registers the instance, replacing an earlier registration with the same id. */
    void register(ServiceRegistration registration);

    /** Removes the registration; an id the registry does not know is not an error. */
    void deregister(String serviceId);

    /** Whether the registry currently knows the id (it forgets everything when the agent restarts). */
    boolean isRegistered(String serviceId);
}
