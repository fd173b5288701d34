package isa.duckdb.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.UnaryOperator;

/** The host name others reach this instance by: SERVICE_HOSTNAME, else HOSTNAME, else the machine's name. */
final class AdvertisedHost {
    private AdvertisedHost() {
    }

    static String resolve(UnaryOperator<String> environment) {
        for (String variable : new String[] {"SERVICE_HOSTNAME", "HOSTNAME"}) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
