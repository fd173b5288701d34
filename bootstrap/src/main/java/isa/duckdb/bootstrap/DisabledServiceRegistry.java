package isa.duckdb.bootstrap;

import isa.duckdb.application.port.out.ServiceRegistration;
import isa.duckdb.application.port.out.ServiceRegistry;

/** The registry when Consul is off: nothing is registered anywhere. */
final class DisabledServiceRegistry implements ServiceRegistry {

    @Override
    public void register(ServiceRegistration registration) {
        // registration is off
    }

    @Override
    public void deregister(String serviceId) {
        // nothing was registered
    }

    @Override
    public boolean isRegistered(String serviceId) {
        return false;
    }
}
