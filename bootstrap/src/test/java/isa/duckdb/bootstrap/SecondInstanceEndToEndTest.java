package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static isa.duckdb.bootstrap.Requests.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.adapters.minio.LocalS3Server;
import isa.duckdb.api.ExecuteStatementResponse;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import isa.duckdb.adapters.grpc.ForwardingInterceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second server started beside a running one, without Consul: it forwards calls on what the first serves, losing nothing. */
class SecondInstanceEndToEndTest {
    @TempDir
    Path root;

    @Test
    void aSecondServerOnTheSameDataPathRefusesToStartAndLeavesTheFirstsWorkingCopiesAlone() {
        Path data = root.resolve("data");
        try (RunningService first = RunningService.start(data)) {
            createDatabase(first.blocking(), "ada", "ledger");
            ok(first.blocking(), "ada", "ledger", "CREATE TABLE t AS SELECT 42 AS answer");
            Path workingCopy = data.resolve("work/user-ada-duckdb/ledger/ledger.duckdb");
            assertThat(workingCopy).exists();

            IllegalStateException refused = catchThrowableOfType(IllegalStateException.class,
                    () -> RunningService.start(data));

            assertThat(refused.getMessage()).startsWith("the data path (--data-path) is in use by another running "
                    + "server (process " + ProcessHandle.current().pid() + ")");
            assertThat(workingCopy).exists();
            assertThat(select(first.blocking(), "ada", "ledger", "SELECT answer FROM t").getRows(0).getValues(0)
                    .getIntValue()).isEqualTo(42);
        }
    }

    @Test
    void aSecondServerOnTheSameBucketForwardsCallsOnTheDatabasesTheFirstServesAndServesThemOnceItStopped()
            throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"))) {
            int portA = ConsulRegistrationEndToEndTest.freePort();
            RunningService a = RunningService.start(config("a", portA, s3));
            try (RunningService b = RunningService.start(config("b", ConsulRegistrationEndToEndTest.freePort(), s3))) {
                createDatabase(a.blocking(), "ada", "ledger");
                ok(a.blocking(), "ada", "ledger", "CREATE TABLE t AS SELECT 42 AS answer");
                String instanceA = Files.readString(root.resolve("a/instance-id")).trim();

                ExecuteStatementResponse forwarded = statement(b.blocking(), "ada", "ledger", "INSERT INTO t VALUES (1)");

                assertThat(forwarded.getSuccess()).as(forwarded.getError()).isTrue();
                assertThat(select(a.blocking(), "ada", "ledger", "SELECT count(*) FROM t").getRows(0).getValues(0)
                        .getIntValue()).as("A ran B's insert").isEqualTo(2);
                Metadata once = new Metadata();
                once.put(ForwardingInterceptor.FORWARDED_BY, "duckdb-service-elsewhere");
                ExecuteStatementResponse refused = statement(b.blocking().withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(once)), "ada", "ledger", "INSERT INTO t VALUES (2)");
                assertThat(refused.getError()).startsWith("FAILED_PRECONDITION: database 'ledger' is served by instance "
                        + instanceA + " at ").contains(":" + portA + "; it changed owner while the call was on its way");

                a.close();

                try {
                    b.blocking().executeQuery(Requests.query("ada", "ledger", "SELECT 1").build());
                } catch (StatusRuntimeException e) {
                    assertThat(e.getStatus().getDescription()).as("B forwarded to A it still remembered as owner")
                            .startsWith("UNAVAILABLE: database 'ledger' is served by instance " + instanceA);
                }
                assertThat(select(b.blocking(), "ada", "ledger", "SELECT count(*) FROM t").getRows(0).getValues(0)
                        .getIntValue()).isEqualTo(2);
                ok(b.blocking(), "ada", "ledger", "INSERT INTO t VALUES (1)");
            } finally {
                a.close();
            }
        }
    }

    private ServiceConfig config(String name, int port, LocalS3Server s3) {
        return RunningService.config(root.resolve(name), Duration.ofSeconds(30)).toBuilder()
                .grpcPort(port)
                .minio(Optional.of(new ServiceConfig.MinioConfig(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                        LocalS3Server.SECRET_KEY, false)))
                .build();
    }
}
