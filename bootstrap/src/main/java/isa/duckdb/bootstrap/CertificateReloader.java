package isa.duckdb.bootstrap;

import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the TLS files into grpc-java's {@link AdvancedTlsX509KeyManager} (and {@link AdvancedTlsX509TrustManager} for
 * the client CA), which swap them atomically for new handshakes, and loads them again when a file changes
 * (modification time or size), checking every reload interval. grpc-java's own file watchers poll at most once a
 * minute; this one follows {@link TlsConfig#reloadInterval()}. A changed file that does not load (e.g. caught half
 * written) is logged and the previous certificates stay in use until the files change again.
 */
final class CertificateReloader {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final TlsConfig tls;
    private final AdvancedTlsX509KeyManager keys;
    private final Optional<AdvancedTlsX509TrustManager> clientCas;
    private List<Object> lastSeen;

    private CertificateReloader(TlsConfig tls, AdvancedTlsX509KeyManager keys,
            Optional<AdvancedTlsX509TrustManager> clientCas) {
        this.tls = tls;
        this.keys = keys;
        this.clientCas = clientCas;
    }

    /** Loads the files now (IOException/GeneralSecurityException when they do not load) and checks them from now on. */
    static CertificateReloader start(TlsConfig tls, AdvancedTlsX509KeyManager keys,
            Optional<AdvancedTlsX509TrustManager> clientCas, ScheduledExecutorService executor)
            throws IOException, GeneralSecurityException {
        CertificateReloader reloader = new CertificateReloader(tls, keys, clientCas);
        reloader.lastSeen = reloader.fingerprint();
        reloader.load();
        long period = tls.reloadInterval().toMillis();
        executor.scheduleWithFixedDelay(reloader::reloadIfChanged, period, period, TimeUnit.MILLISECONDS);
        return reloader;
    }

    private void load() throws IOException, GeneralSecurityException {
        keys.updateIdentityCredentials(tls.certificateChain().toFile(), tls.privateKey().toFile());
        if (clientCas.isPresent()) {
            clientCas.get().updateTrustCredentials(tls.clientCa().orElseThrow().toFile());
        }
    }

    private void reloadIfChanged() {
        try {
            List<Object> seen = fingerprint();
            if (seen.equals(lastSeen)) {
                return;
            }
            lastSeen = seen;
            load();
            LOG.info("TLS certificate files changed; new connections use the new ones");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("The changed TLS files could not be loaded ({}); the previous certificates stay in use",
                    e.getMessage());
        }
    }

    private List<Object> fingerprint() throws IOException {
        List<Object> seen = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(tls.certificateChain(), tls.privateKey()));
        tls.clientCa().ifPresent(files::add);
        for (Path file : files) {
            seen.add(Files.getLastModifiedTime(file));
            seen.add(Files.size(file));
        }
        return seen;
    }
}
