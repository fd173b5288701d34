package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static isa.duckdb.bootstrap.Requests.statement;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.adapters.consul.FakeConsulAgent;
import isa.duckdb.adapters.minio.LocalS3Server;
import isa.duckdb.api.ExecuteStatementResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two whole services on one bucket (S3 on loopback) and one Consul agent (the fake): one owner per database. */
class DatabaseOwnershipEndToEndTest {
    @TempDir
    Path root;

    @Test
    void aSecondInstanceRefusesADatabaseTheFirstServesNamingItAndServesItOnceTheFirstStopped() throws Exception {
        try (FakeConsulAgent agent = FakeConsulAgent.start(); LocalS3Server s3 = LocalS3Server.start(root.resolve("s3"))) {
            int portA = ConsulRegistrationEndToEndTest.freePort();
            RunningService a = RunningService.start(config("host-a", portA, agent, s3));
            try (RunningService b = RunningService.start(config("host-b", ConsulRegistrationEndToEndTest.freePort(),
                    agent, s3))) {
                createDatabase(a.blocking(), "ada", "ledger");
                ok(a.blocking(), "ada", "ledger", "CREATE TABLE t AS SELECT 42 AS answer");

                ExecuteStatementResponse refused = statement(b.blocking(), "ada", "ledger", "INSERT INTO t VALUES (1)");

                assertThat(refused.getSuccess()).isFalse();
                assertThat(refused.getError()).isEqualTo("FAILED_PRECONDITION: database 'ledger' is served by instance "
                        + "duckdb-service-host-a at host-a:" + portA + "; this instance does not forward calls: send "
                        + "the call to that instance");

                a.close();

                assertThat(select(b.blocking(), "ada", "ledger", "SELECT answer FROM t").getRows(0)
                        .getValues(0).getIntValue()).isEqualTo(42);
            } finally {
                a.close();
            }
        }
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
