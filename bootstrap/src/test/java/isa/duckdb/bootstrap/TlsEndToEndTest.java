package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.HealthCheckRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS on the real port (issue 12, "TLS"), certificates reloaded without a restart. */
class TlsEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path certs;

    private RunningService start(Optional<Path> clientCa) {
        return RunningService.start(RunningService.config(data, Duration.ofSeconds(30)).toBuilder()
                .tls(Optional.of(new TlsConfig(certs.resolve("server.pem"), certs.resolve("server.key"), clientCa,
                        Duration.ofSeconds(1))))
                .build());
    }

    private static boolean healthy(int port, ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
        try {
            return DuckDBServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .healthCheck(HealthCheckRequest.getDefaultInstance()).getHealthy();
        } finally {
            channel.shutdownNow();
        }
    }

    private ChannelCredentials trusting(String ca) {
        try {
            return TlsChannelCredentials.newBuilder().trustManager(certs.resolve(ca + "-ca.pem").toFile()).build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Status.Code failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        return Status.Code.OK;
    }

    @Test
    void withACertificateAndKeyTheServerSpeaksTlsOnly() throws Exception {
        TestCertificates.authority(certs, "one");
        TestCertificates.signed(certs, "one", "server");
        try (RunningService service = start(Optional.empty())) {
            int port = service.runtime.port();

            assertThat(healthy(port, trusting("one"))).isTrue();
            assertThat(failure(() -> healthy(port, InsecureChannelCredentials.create())))
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void withAClientCaTheServerRequiresAClientCertificateItSigned() throws Exception {
        TestCertificates.authority(certs, "one");
        TestCertificates.signed(certs, "one", "server");
        TestCertificates.signed(certs, "one", "client");
        TestCertificates.authority(certs, "rogue");
        TestCertificates.signed(certs, "rogue", "stranger");
        try (RunningService service = start(Optional.of(certs.resolve("one-ca.pem")))) {
            int port = service.runtime.port();
            ChannelCredentials withClientCertificate = TlsChannelCredentials.newBuilder()
                    .trustManager(certs.resolve("one-ca.pem").toFile())
                    .keyManager(certs.resolve("client.pem").toFile(), certs.resolve("client.key").toFile()).build();
            ChannelCredentials withStrangersCertificate = TlsChannelCredentials.newBuilder()
                    .trustManager(certs.resolve("one-ca.pem").toFile())
                    .keyManager(certs.resolve("stranger.pem").toFile(), certs.resolve("stranger.key").toFile()).build();

            assertThat(healthy(port, withClientCertificate)).isTrue();
            assertThat(failure(() -> healthy(port, trusting("one")))).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(failure(() -> healthy(port, withStrangersCertificate))).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aReplacedCertificateIsServedWithoutARestart() throws Exception {
        TestCertificates.authority(certs, "one");
        TestCertificates.signed(certs, "one", "server");
        TestCertificates.authority(certs, "two");
        TestCertificates.signed(certs, "two", "renewed");
        try (RunningService service = start(Optional.empty())) {
            int port = service.runtime.port();
            assertThat(healthy(port, trusting("one"))).isTrue();
            assertThat(failure(() -> healthy(port, trusting("two")))).isEqualTo(Status.Code.UNAVAILABLE);

            Files.copy(certs.resolve("renewed.key"), certs.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(certs.resolve("renewed.pem"), certs.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);

            await().atMost(Duration.ofSeconds(20)).until(() -> failure(() -> healthy(port, trusting("two")))
                    == Status.Code.OK);
            assertThat(failure(() -> healthy(port, trusting("one")))).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aBrokenCertificateFileStopsStartUp() throws Exception {
        Files.writeString(certs.resolve("server.pem"), "not a certificate");
        Files.writeString(certs.resolve("server.key"), "not a key");

        assertThatThrownBy(() -> start(Optional.empty())).hasMessageContaining("TLS files");
    }
}
