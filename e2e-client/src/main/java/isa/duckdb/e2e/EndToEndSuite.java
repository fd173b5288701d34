package isa.duckdb.e2e;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import isa.duckdb.api.DuckDBServiceGrpc;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Checks a live DuckDB service end to end: {@code java -jar e2e-client.jar [host:port]}; without an
 * argument it reads {@code GRPC_ENDPOINT}, then falls back to localhost:50052. Exit 0 when nothing failed.
 */
public final class EndToEndSuite {
    private EndToEndSuite() {
    }

    public static void main(String[] args) throws InterruptedException {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(chooseEndpoint(args));
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid endpoint: " + e.getMessage());
            System.exit(2);
            return;
        }
        ManagedChannel channel = ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .usePlaintext()
                .build();
        String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ServiceChecks checks = new ServiceChecks(DuckDBServiceGrpc.newBlockingStub(channel), runId);
        CheckRunner runner = new CheckRunner(System.out);
        System.out.println("DuckDB service end-to-end checks against " + endpoint
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

    private static String chooseEndpoint(String[] args) {
        if (args.length > 0) {
            return args[0];
        }
        String fromEnvironment = System.getenv("GRPC_ENDPOINT");
        return fromEnvironment == null || fromEnvironment.isBlank() ? "localhost:50052" : fromEnvironment;
    }
}
