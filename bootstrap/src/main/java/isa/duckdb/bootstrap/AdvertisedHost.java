package isa.duckdb.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.UnaryOperator;

/**
 * The host name others reach this instance by (Consul registration, owner records that calls are forwarded to):
 * SERVICE_HOSTNAME; else the address the server listens on when {@code --host} names one (a server bound to one
 * address is reachable only there); else HOSTNAME; else the machine's name.
 */
final class AdvertisedHost {
    private AdvertisedHost() {
    }

    /** @param bindHost {@code --host}; {@code 0.0.0.0}, {@code ::} and blank mean every address */
    static String resolve(UnaryOperator<String> environment, String bindHost) {
        String service = environment.apply("SERVICE_HOSTNAME");
        if (service != null && !service.isBlank()) {
            return service.trim();
        }
        String bound = bindHost == null ? "" : bindHost.trim();
        if (!bound.isEmpty() && !bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) {
            return bound;
        }
        String host = environment.apply("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
