package isa.duckdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.DatabaseInfo;
import isa.duckdb.api.DuckDBServiceGrpc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI's connection: the token as a bearer header, and exit codes for a missing user or no service. */
class ConnectionTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<CreateDatabaseRequest> creates = new CopyOnWriteArrayList<>();
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private int cli(String... args) {
        return DuckDbCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    private int startServer() throws Exception {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String value = headers.get(Connection.AUTHORIZATION);
                authorizations.add(value == null ? "(none)" : value);
                return next.startCall(call, headers);
            }
        };
        DuckDBServiceGrpc.DuckDBServiceImplBase service = new DuckDBServiceGrpc.DuckDBServiceImplBase() {
            @Override
            public void createDatabase(CreateDatabaseRequest request, StreamObserver<CreateDatabaseResponse> observer) {
                creates.add(request);
                observer.onNext(request.getDatabaseName().equals("taken")
                        ? CreateDatabaseResponse.newBuilder().setError("ALREADY_EXISTS: database 'taken' exists").build()
                        : CreateDatabaseResponse.newBuilder().setSuccess(true).setDatabaseInfo(DatabaseInfo.newBuilder()
                                .setDatabaseName(request.getDatabaseName()).setDatabaseId("id-1")).build());
                observer.onCompleted();
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(service, recordAuthorization)).build().start();
        return server.getPort();
    }

    @Test
    void aTokenIsSentAsABearerAuthorizationHeaderAndNoneWithout() throws Exception {
        String endpoint = "127.0.0.1:" + startServer();

        assertThat(cli("--endpoint", endpoint, "--user", "ann", "--token", "s3cr3t", "create", "sales")).isZero();
        assertThat(cli("create", "notes", "--endpoint", endpoint, "-u", "ann")).isZero();

        assertThat(authorizations).containsExactly("Bearer s3cr3t", "(none)");
        assertThat(creates).extracting(CreateDatabaseRequest::getUserId).containsExactly("ann", "ann");
        assertThat(out.toString()).contains("created sales (id-1)", "created notes (id-1)");
    }

    @Test
    void anErrorAnswerPrintsTheServicesMessageAndExitsWithItsKindsCode() throws Exception {
        String endpoint = "127.0.0.1:" + startServer();

        assertThat(cli("--endpoint", endpoint, "--user", "ann", "create", "taken")).isEqualTo(ExitCodes.ALREADY_EXISTS);

        assertThat(err.toString()).contains("ALREADY_EXISTS: database 'taken' exists");
    }

    @Test
    void withoutAUserTheCommandIsAUsageError() {
        assertThat(cli("--endpoint", "127.0.0.1:1", "databases")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--user (or DUCKDB_CLI_USER) is required");
    }

    @Test
    void aServiceThatDoesNotAnswerIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(cli("--endpoint", "127.0.0.1:" + closedPort, "--user", "ann", "databases"))
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).startsWith("UNAVAILABLE");
    }

    @Test
    void aMissingFileToImportIsAFileErrorBeforeAnythingIsSent() throws Exception {
        String endpoint = "127.0.0.1:" + startServer();

        assertThat(cli("--endpoint", endpoint, "-u", "ann", "-d", "sales", "import", "/no/such/file.csv", "--table", "t"))
                .isEqualTo(ExitCodes.FILE);
        assertThat(err.toString()).contains("cannot read /no/such/file.csv");
    }
}
