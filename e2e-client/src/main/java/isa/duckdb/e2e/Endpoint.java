package isa.duckdb.e2e;

/** A gRPC endpoint given as {@code host}, {@code host:port} or {@code [ipv6]:port}. */
record Endpoint(String host, int port) {
    static final int DEFAULT_PORT = 50052;

    Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the endpoint has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }

    static Endpoint parse(String text) {
        String endpoint = text == null ? "" : text.strip();
        if (endpoint.isEmpty()) {
            throw new IllegalArgumentException("the endpoint is empty; expected host:port");
        }
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + endpoint + "' opens '[' without closing it");
            }
            String host = endpoint.substring(1, close);
            String rest = endpoint.substring(close + 1);
            if (rest.isEmpty()) {
                return new Endpoint(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + endpoint + "' has text after ']' that is not :port");
            }
            return new Endpoint(host, port(rest.substring(1), endpoint));
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) {
            return new Endpoint(endpoint, DEFAULT_PORT);
        }
        if (endpoint.indexOf(':') != colon) {
            throw new IllegalArgumentException("'" + endpoint + "': write an IPv6 address as [address]:port");
        }
        return new Endpoint(endpoint.substring(0, colon), port(endpoint.substring(colon + 1), endpoint));
    }

    private static int port(String digits, String endpoint) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 5) {
            throw new IllegalArgumentException("'" + endpoint + "' has no valid port after ':'");
        }
        return Integer.parseInt(digits);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
