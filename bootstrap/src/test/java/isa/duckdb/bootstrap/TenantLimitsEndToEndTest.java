package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.BackupDatabaseRequest;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.RestoreDatabaseRequest;
import isa.duckdb.application.service.TenantLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, "Limits per tenant": each limit answers RESOURCE_EXHAUSTED naming it, and other tenants go on. */
class TenantLimitsEndToEndTest {
    @TempDir
    Path data;

    private RunningService start(TenantLimits limits) {
        return RunningService.start(RunningService.config(data, Duration.ofSeconds(30)).toBuilder()
                .tenantLimits(limits).build());
    }

    @Test
    void aTenantMayHaveAsManyDatabasesAsTheLimitAndOthersStillCreateTheirs() {
        try (RunningService service = start(new TenantLimits(2, 0, 16, Duration.ofSeconds(300),
                Duration.ofSeconds(3600)))) {
            DuckDBServiceBlockingStub stub = service.blocking();
            createDatabase(stub, "hoarder", "one");
            createDatabase(stub, "hoarder", "two");
            String backup = stub.backupDatabase(BackupDatabaseRequest.newBuilder().setUserId("hoarder")
                    .setDatabaseId("one").build()).getBackupPath();

            String third = stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId("hoarder")
                    .setDatabaseName("three").build()).getError();
            String restored = stub.restoreDatabase(RestoreDatabaseRequest.newBuilder().setUserId("hoarder")
                    .setBackupPath(backup).setNewDatabaseName("copy").build()).getError();

            assertThat(third).startsWith("RESOURCE_EXHAUSTED:").contains("max-databases-per-tenant");
            assertThat(restored).startsWith("RESOURCE_EXHAUSTED:").contains("max-databases-per-tenant");
            createDatabase(stub, "neighbour", "one");
        }
    }

    @Test
    void callsBeyondTheTenantsLimitAreRefusedAtOnceWhileOtherTenantsAreServed() {
        try (RunningService service = start(new TenantLimits(100, 0, 2, Duration.ofSeconds(300),
                Duration.ofSeconds(3600)))) {
            DuckDBServiceBlockingStub stub = service.blocking();
            createDatabase(stub, "greedy", "db");
            createDatabase(stub, "patient", "db");
            Context.CancellableContext held = Context.current().withCancellation();
            List<Iterator<QueryResultChunk>> streams = new ArrayList<>();
            held.run(() -> {
                for (int i = 0; i < 2; i++) {
                    Iterator<QueryResultChunk> stream = stub.executeQueryStream(
                            query("greedy", "db", "SELECT range, repeat('x', 100) FROM range(10000000)").build());
                    assertThat(stream.hasNext()).isTrue();
                    streams.add(stream);
                }
            });

            String refused = stub.executeQuery(query("greedy", "db", "SELECT 1").build()).getError();

            assertThat(refused).startsWith("RESOURCE_EXHAUSTED:").contains("max-calls-per-tenant");
            assertThat(select(stub, "patient", "db", "SELECT 42").getRows(0).getValues(0).getIntValue()).isEqualTo(42);
            held.cancel(null);
            await().atMost(Duration.ofSeconds(10)).until(() -> stub.executeQuery(query("greedy", "db", "SELECT 1")
                    .build()).getSuccess());
        }
    }

    @Test
    void aRequestedTimeoutAboveTheMaximumIsRefusedAndQueriesWithoutOneGetTheDefault() {
        try (RunningService service = start(new TenantLimits(100, 0, 16, Duration.ofSeconds(1),
                Duration.ofSeconds(60)))) {
            DuckDBServiceBlockingStub stub = service.blocking();
            createDatabase(stub, "slow", "db");

            String tooLong = stub.executeQuery(query("slow", "db", "SELECT 1").setTimeoutSeconds(61).build()).getError();

            assertThat(tooLong).startsWith("RESOURCE_EXHAUSTED:").contains("max-query-timeout");
            assertThatThrownBy(() -> stub.executeQuery(query("slow", "db",
                    "SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
            assertThat(select(stub, "slow", "db", "SELECT 7").getRows(0).getValues(0).getIntValue()).isEqualTo(7);
        }
    }

    @Test
    void aTenantOverItsStoredBytesMayReadButNotAddData() {
        try (RunningService service = start(new TenantLimits(100, 1, 16, Duration.ofSeconds(300),
                Duration.ofSeconds(3600)))) {
            DuckDBServiceBlockingStub stub = service.blocking();
            createDatabase(stub, "full", "db");

            String insert = Requests.statement(stub, "full", "db", "CREATE TABLE t AS SELECT 1 AS x").getError();
            String another = stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId("full")
                    .setDatabaseName("more").build()).getError();

            assertThat(insert).startsWith("RESOURCE_EXHAUSTED:").contains("max-stored-bytes-per-tenant");
            assertThat(another).startsWith("RESOURCE_EXHAUSTED:").contains("max-stored-bytes-per-tenant");
            assertThat(select(stub, "full", "db", "SELECT 5").getRows(0).getValues(0).getIntValue()).isEqualTo(5);
            createDatabase(stub, "empty", "db");
            ok(stub, "empty", "db", "SELECT 1");
        }
    }
}
