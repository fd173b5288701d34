package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import isa.duckdb.adapters.auth.TokenVerifier;
import isa.duckdb.application.port.in.AuthenticateUseCase;
import isa.duckdb.application.port.out.CredentialVerifier;
import isa.duckdb.application.service.AuthMode;
import isa.duckdb.application.service.AuthenticationService;
import isa.duckdb.application.service.TenantLimits;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Who may call and how (issue 12): the auth mode and token verifier (adapters-auth), the per-tenant limits, and
 * the gRPC port's credentials: plain text, TLS, or mutual TLS, with grpc-java's {@link AdvancedTlsX509KeyManager}
 * and {@link AdvancedTlsX509TrustManager} holding the certificates that {@link CertificateReloader} reloads.
 */
@Module
abstract class SecurityModule {
    static final String TLS_RELOAD = "tls-reload";

    private SecurityModule() {
    }

    @Provides
    static AuthMode authMode(ServiceConfig config) {
        return config.authMode();
    }

    @Provides
    static TenantLimits tenantLimits(ServiceConfig config) {
        return config.tenantLimits();
    }

    /** In mode {@code none} no token is ever verified; a verifier that refuses all stands in. */
    @Provides
    @Singleton
    static CredentialVerifier credentialVerifier(ServiceConfig config, Clock clock) {
        if (config.authMode() == AuthMode.NONE) {
            return token -> {
                throw new ServiceException(ErrorKind.UNAUTHENTICATED, "tokens are not checked in auth mode none");
            };
        }
        return TokenVerifier.create(config.tokenSettings(), clock);
    }

    @Binds
    abstract AuthenticateUseCase authenticate(AuthenticationService service);

    @Provides
    @Singleton
    @Named(TLS_RELOAD)
    static ScheduledExecutorService tlsReloadExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tls-reload"));
    }

    /** Shut down by {@link ServiceRuntime#stop()}. */
    @Binds
    @IntoSet
    abstract ExecutorService stopTlsReload(@Named(TLS_RELOAD) ScheduledExecutorService executor);

    /**
     * Plain text without TLS files; otherwise TLS only, requiring a client certificate signed by the client CA
     * when one is set. The files are read now (a bad file stops start-up) and checked for changes every
     * reload interval.
     */
    @Provides
    @Singleton
    static ServerCredentials serverCredentials(ServiceConfig config, @Named(TLS_RELOAD) ScheduledExecutorService reload) {
        if (config.tls().isEmpty()) {
            return InsecureServerCredentials.create();
        }
        TlsConfig tls = config.tls().get();
        try {
            AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
            TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder().keyManager(keys);
            Optional<AdvancedTlsX509TrustManager> clientCas = Optional.empty();
            if (tls.clientCa().isPresent()) {
                AdvancedTlsX509TrustManager trust = AdvancedTlsX509TrustManager.newBuilder()
                        .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                        .build();
                builder.trustManager(trust).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
                clientCas = Optional.of(trust);
            }
            CertificateReloader.start(tls, keys, clientCas, reload);
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("the TLS files cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the TLS files do not hold a usable PEM certificate and key: "
                    + e.getMessage(), e);
        }
    }
}
