package isa.duckdb.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * TLS for the gRPC port (README, "TLS"): the server's certificate chain and private key (PEM files), and
 * optionally the CA whose signature client certificates must carry (mutual TLS, required when set). The files
 * are checked for changes every {@code reloadInterval} and a change is used for new connections, without a
 * restart.
 */
public record TlsConfig(Path certificateChain, Path privateKey, Optional<Path> clientCa, Duration reloadInterval) {
}
