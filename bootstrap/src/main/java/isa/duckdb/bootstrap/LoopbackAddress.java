package isa.duckdb.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a listening address is reachable from this machine only. */
final class LoopbackAddress {
    private LoopbackAddress() {
    }

    /** True for {@code 127.0.0.0/8}, {@code ::1} and names resolving to them (e.g. {@code localhost}). */
    static boolean is(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
