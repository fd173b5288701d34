package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static isa.duckdb.bootstrap.Requests.select;
import static isa.duckdb.bootstrap.Requests.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import isa.duckdb.adapters.consul.FakeConsulAgent;
import isa.duckdb.adapters.grpc.ForwardingInterceptor;
import isa.duckdb.adapters.minio.LocalS3Server;
import isa.duckdb.api.CancelQueryRequest;
import isa.duckdb.api.CancelQueryResponse;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ListRunningQueriesRequest;
import isa.duckdb.api.QueryResultChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two whole services on one bucket (S3 on loopback) and one Consul agent (the fake): one owner per database, and
 * any instance answers any call by forwarding it to the owner (issue 13). A is advertised as {@code 127.0.0.1}, B
 * as {@code localhost}: both reach each other on loopback.
 */
class DatabaseOwnershipEndToEndTest {
    private static final String USER = "ada";
    private static final String DB = "ledger";

    @TempDir
    Path root;

    @Test
    void callsSentToTheInstanceThatDoesNotOwnTheDatabaseGetTheOwnersAnswersAndItServesItOnceTheOwnerStopped()
            throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start(); LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"))) {
            int portA = ConsulRegistrationEndToEndTest.freePort();
            RunningService a = RunningService.start(config("127.0.0.1", portA, agent, s3));
            try (RunningService b = RunningService.start(config("localhost", ConsulRegistrationEndToEndTest.freePort(),
                    agent, s3))) {
                createDatabase(a.blocking(), USER, DB);
                ok(a.blocking(), USER, DB, "CREATE TABLE t AS SELECT 42 AS answer");

                ExecuteStatementResponse viaB = statement(b.blocking(), USER, DB, "INSERT INTO t VALUES (1)");

                assertThat(viaB.getSuccess()).as(viaB.getError()).isTrue();
                assertThat(viaB.getAffectedRows()).isEqualTo(1);
                assertThat(answers(a, "SELECT answer FROM t ORDER BY answer")).containsExactly(1L, 42L);
                assertThat(answers(b, "SELECT answer FROM t ORDER BY answer")).containsExactly(1L, 42L);

                List<QueryResultChunk> chunks = new ArrayList<>();
                b.blocking().executeQueryStream(query(USER, DB, "SELECT range AS id FROM range(200000)").build())
                        .forEachRemaining(chunks::add);
                List<Long> ids = chunks.stream().flatMap(c -> c.getRowsList().stream())
                        .map(row -> row.getValues(0).getIntValue()).toList();
                assertThat(ids).hasSize(200_000).isSorted().startsWith(0L).endsWith(199_999L);

                assertThat(upload(b, "imported", "n\n7\n8\n9\n").getRowsImported()).isEqualTo(3);
                assertThat(select(a.blocking(), USER, DB, "SELECT sum(n) FROM imported").getRows(0).getValues(0)
                        .getIntValue()).isEqualTo(24);

                ExecuteQueryResponse errorViaB = b.blocking().executeQuery(query(USER, DB, "SELEC 1").build());
                ExecuteQueryResponse errorFromA = a.blocking().executeQuery(query(USER, DB, "SELEC 1").build());
                assertThat(errorViaB.getSuccess()).isFalse();
                assertThat(errorViaB.getError()).startsWith("INVALID_ARGUMENT:").isEqualTo(errorFromA.getError());

                ExecuteStatementResponse forwardedOnce = statement(b.blocking().withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(forwardedBy("duckdb-service-elsewhere"))),
                        USER, DB, "INSERT INTO t VALUES (2)");
                assertThat(forwardedOnce.getError()).as("a forwarded call is not forwarded again").isEqualTo(
                        "FAILED_PRECONDITION: database 'ledger' is served by instance duckdb-service-127.0.0.1 at "
                        + "127.0.0.1:" + portA + "; it changed owner while the call was on its way: retry the call");

                a.close();

                ExecuteQueryRequest afterStop = query(USER, DB, "SELECT answer FROM t ORDER BY answer").build();
                try {
                    b.blocking().executeQuery(afterStop);
                } catch (StatusRuntimeException e) {
                    assertThat(e.getStatus().getDescription()).as("B forwarded to A it still remembered as owner")
                            .startsWith("UNAVAILABLE: database 'ledger' is served by instance "
                                    + "duckdb-service-127.0.0.1 at 127.0.0.1:" + portA + ", which could not be reached");
                }
                assertThat(answers(b, "SELECT answer FROM t ORDER BY answer")).as("the retry").containsExactly(1L, 42L);
                ok(b.blocking(), USER, DB, "INSERT INTO t VALUES (3)");
            } finally {
                a.close();
            }
        }
    }

    @Test
    void theCallersDeadlineStopsTheQueryOnTheOwner() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start(); LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"));
                RunningService a = RunningService.start(config("127.0.0.1", ConsulRegistrationEndToEndTest.freePort(),
                        agent, s3));
                RunningService b = RunningService.start(config("localhost", ConsulRegistrationEndToEndTest.freePort(),
                        agent, s3))) {
            createDatabase(a.blocking(), USER, DB);

            ListenableFuture<ExecuteQueryResponse> call = DuckDBServiceGrpc.newFutureStub(b.channel)
                    .withDeadlineAfter(3, TimeUnit.SECONDS).executeQuery(query(USER, DB,
                            "SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3").build());
            await().atMost(10, TimeUnit.SECONDS).until(() -> runningOn(a) == 1);

            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
            await().atMost(10, TimeUnit.SECONDS).until(() -> runningOn(a) == 0);
            assertThat(answers(b, "SELECT 5 AS answer")).containsExactly(5L);
        }
    }

    @Test
    void cancelQueryAtTheForwarderOrAtTheOwnerStopsAForwardedQueryByTheIdBothKnowItBy() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start(); LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"));
                RunningService a = RunningService.start(config("127.0.0.1", ConsulRegistrationEndToEndTest.freePort(),
                        agent, s3));
                RunningService b = RunningService.start(config("localhost", ConsulRegistrationEndToEndTest.freePort(),
                        agent, s3))) {
            createDatabase(a.blocking(), USER, DB);

            for (RunningService cancelAt : List.of(b, a)) {
                ListenableFuture<ExecuteQueryResponse> call = DuckDBServiceGrpc.newFutureStub(b.channel)
                        .withDeadlineAfter(60, TimeUnit.SECONDS).executeQuery(query(USER, DB,
                                "SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3").build());
                await().atMost(10, TimeUnit.SECONDS).until(() -> runningOn(a) == 1);
                String callId = a.blocking().listRunningQueries(ListRunningQueriesRequest.newBuilder().setUserId(USER)
                        .build()).getQueries(0).getCallId();

                CancelQueryResponse cancelled = cancelAt.blocking().cancelQuery(CancelQueryRequest.newBuilder()
                        .setUserId(USER).setCallId(callId).build());

                assertThat(cancelled.getSuccess()).as(cancelled.getError()).isTrue();
                assertThat(cancelled.getMessage()).contains("call " + callId);
                assertThatThrownBy(() -> call.get(20, TimeUnit.SECONDS)).cause()
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
                await().atMost(10, TimeUnit.SECONDS).until(() -> runningOn(a) == 0);
            }
        }
    }

    @Test
    void withMutualTlsTheForwardedCallSpeaksTlsPresentingTheSharedServerCertificate() throws Exception {
        Path certs = root.resolve("certs");
        java.nio.file.Files.createDirectories(certs);
        TestCertificates.authority(certs, "one");
        TestCertificates.signed(certs, "one", "server");
        TestCertificates.signed(certs, "one", "client");
        Optional<TlsConfig> tls = Optional.of(new TlsConfig(certs.resolve("server.pem"), certs.resolve("server.key"),
                Optional.of(certs.resolve("one-ca.pem")), Duration.ofSeconds(60)));
        try (FakeConsulAgent agent = FakeConsulAgent.start(); LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"));
                RunningService a = RunningService.start(config("127.0.0.1", ConsulRegistrationEndToEndTest.freePort(),
                        agent, s3).toBuilder().tls(tls).build());
                RunningService b = RunningService.start(config("localhost", ConsulRegistrationEndToEndTest.freePort(),
                        agent, s3).toBuilder().tls(tls).build())) {
            ChannelCredentials client = TlsChannelCredentials.newBuilder()
                    .trustManager(certs.resolve("one-ca.pem").toFile())
                    .keyManager(certs.resolve("client.pem").toFile(), certs.resolve("client.key").toFile()).build();
            ManagedChannel toA = Grpc.newChannelBuilderForAddress("127.0.0.1", a.runtime.port(), client).build();
            ManagedChannel toB = Grpc.newChannelBuilderForAddress("localhost", b.runtime.port(), client).build();
            try {
                createDatabase(DuckDBServiceGrpc.newBlockingStub(toA), USER, DB);
                ok(DuckDBServiceGrpc.newBlockingStub(toA), USER, DB, "CREATE TABLE t AS SELECT 42 AS answer");

                ExecuteStatementResponse viaB = statement(DuckDBServiceGrpc.newBlockingStub(toB), USER, DB,
                        "INSERT INTO t VALUES (1)");

                assertThat(viaB.getSuccess()).as(viaB.getError()).isTrue();
                assertThat(select(DuckDBServiceGrpc.newBlockingStub(toA), USER, DB, "SELECT count(*) FROM t")
                        .getRows(0).getValues(0).getIntValue()).isEqualTo(2);
            } finally {
                toA.shutdownNow();
                toB.shutdownNow();
            }
        }
    }

    private static int runningOn(RunningService service) {
        return service.blocking().listRunningQueries(ListRunningQueriesRequest.newBuilder().setUserId(USER).build())
                .getQueriesCount();
    }

    private static List<Long> answers(RunningService service, String sql) {
        return select(service.blocking(), USER, DB, sql).getRowsList().stream()
                .map(row -> row.getValues(0).getIntValue()).toList();
    }

    private static ImportDataResponse upload(RunningService service, String table, String csv) throws Exception {
        CompletableFuture<ImportDataResponse> result = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> upload = service.async().importData(Requests.completing(result));
        upload.onNext(ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder().setUserId(USER)
                .setDatabaseId(DB).setTableName(table).setFormat("csv")).build());
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        for (byte single : bytes) {
            upload.onNext(ImportDataRequest.newBuilder().setChunk(ByteString.copyFrom(new byte[] {single})).build());
        }
        upload.onCompleted();
        ImportDataResponse response = result.get(60, TimeUnit.SECONDS);
        assertThat(response.getError()).isEmpty();
        return response;
    }

    private static Metadata forwardedBy(String instanceId) {
        Metadata headers = new Metadata();
        headers.put(ForwardingInterceptor.FORWARDED_BY, instanceId);
        return headers;
    }

    private ServiceConfig config(String host, int port, FakeConsulAgent agent, LocalS3Server s3) {
        return RunningService.config(root.resolve(host), Duration.ofSeconds(30)).toBuilder()
                .grpcPort(port)
                .minio(Optional.of(new ServiceConfig.MinioConfig(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                        LocalS3Server.SECRET_KEY, false)))
                .consul(new ConsulConfig(true, "127.0.0.1", agent.port(), host, Duration.ofSeconds(30),
                        Duration.ofMillis(50), Duration.ofMillis(200)))
                .build();
    }
}
