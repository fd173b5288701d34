package isa.duckdb.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of the end-to-end client: {@code [--tls-ca FILE] [--token TOKEN] [host:port]}. Each falls back
 * to its environment variable ({@code DUCKDB_TLS_CA}, {@code DUCKDB_TOKEN}, {@code GRPC_ENDPOINT}), the endpoint
 * then to {@code localhost:50052}. With a CA file the client speaks TLS and trusts that CA; with a token every call
 * carries {@code authorization: Bearer <token>}.
 */
record ClientOptions(Endpoint endpoint, Optional<Path> tlsCa, Optional<String> token) {
    static final String TLS_CA_VARIABLE = "DUCKDB_TLS_CA";
    static final String TOKEN_VARIABLE = "DUCKDB_TOKEN";
    static final String ENDPOINT_VARIABLE = "GRPC_ENDPOINT";

    /** IllegalArgumentException saying what is wrong with the arguments. */
    static ClientOptions parse(String[] args, Map<String, String> environment) {
        String endpoint = null;
        String tlsCa = environment.get(TLS_CA_VARIABLE);
        String token = environment.get(TOKEN_VARIABLE);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tls-ca" -> tlsCa = value(args, ++i, "--tls-ca");
                case "--token" -> token = value(args, ++i, "--token");
                default -> {
                    if (args[i].startsWith("--") || endpoint != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; usage: "
                                + "[--tls-ca FILE] [--token TOKEN] [host:port]");
                    }
                    endpoint = args[i];
                }
            }
        }
        if (endpoint == null) {
            String fromEnvironment = environment.get(ENDPOINT_VARIABLE);
            endpoint = fromEnvironment == null || fromEnvironment.isBlank() ? "localhost:50052" : fromEnvironment;
        }
        Optional<Path> ca = blankToEmpty(tlsCa).map(Path::of);
        if (ca.isPresent() && !Files.isReadable(ca.get())) {
            throw new IllegalArgumentException("the TLS CA file " + ca.get() + " cannot be read");
        }
        return new ClientOptions(Endpoint.parse(endpoint), ca, blankToEmpty(token));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    @Override
    public String toString() {
        return endpoint + (tlsCa.isPresent() ? " over TLS" : " in plain text") + (token.isPresent() ? " with a token" : "");
    }
}
