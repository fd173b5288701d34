package isa.duckdb.e2e;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Checks a live DuckDB service end to end: {@code java -jar e2e-client.jar [--tls-ca FILE] [--token TOKEN]
 * [host:port]} (see {@link ClientOptions} for the environment variables). Exit 0 when nothing failed.
 */
public final class EndToEndSuite {
    private EndToEndSuite() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        ClientOptions options;
        try {
            options = ClientOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid arguments: " + e.getMessage());
            System.exit(2);
            return;
        }
        ChannelCredentials credentials = options.tlsCa().isPresent()
                ? TlsChannelCredentials.newBuilder().trustManager(options.tlsCa().get().toFile()).build()
                : InsecureChannelCredentials.create();
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(options.endpoint().host(), options.endpoint().port(),
                credentials).build();
        DuckDBServiceBlockingStub withoutToken = DuckDBServiceGrpc.newBlockingStub(channel);
        DuckDBServiceBlockingStub stub = options.token().map(token -> withToken(withoutToken, token))
                .orElse(withoutToken);
        String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ServiceChecks checks = new ServiceChecks(stub, options.token().isPresent() ? Optional.of(withoutToken)
                : Optional.empty(), runId);
        CheckRunner runner = new CheckRunner(System.out);
        System.out.println("DuckDB service end-to-end checks against " + options
                + " (user " + checks.user() + ", database " + checks.database() + ")");
        try {
            checks.runAll(runner);
        } finally {
            checks.cleanUp(System.err);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        runner.printSummary();
        System.exit(runner.exitCode());
    }

    private static DuckDBServiceBlockingStub withToken(DuckDBServiceBlockingStub stub, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
