package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TenantQuotasTest {
    private static final TenantId ANN = TenantId.of("ann");
    private final ManualClock clock = new ManualClock();
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
    private final TenantQuotas quotas = new TenantQuotas(storage, new TenantLimits(2, 100, 16, Duration.ofSeconds(300),
            Duration.ofSeconds(3600)), clock);

    @Test
    void aCreationBeyondTheDatabaseLimitIsRefusedNamingIt() {
        assertThat(quotas.creatingDatabase(ANN, () -> 1, () -> "made")).isEqualTo("made");

        String message = failureOf(() -> quotas.creatingDatabase(ANN, () -> 2, () -> "made"),
                ErrorKind.RESOURCE_EXHAUSTED).getMessage();

        assertThat(message).contains("2 databases", "max-databases-per-tenant");
    }

    @Test
    void storedBytesCountDatabaseFilesAndBackupsButNotBookkeeping() {
        storage.ensureBucket(ANN.databaseBucket());
        storage.put(ANN.databaseBucket(), ".owner", new byte[500]);
        storage.put(ANN.databaseBucket(), "db.duckdb", new byte[60]);
        quotas.requireStorageRoom(ANN);

        storage.put(ANN.databaseBucket(), "backups/db-1.duckdb", new byte[40]);
        clock.advance(TenantQuotas.MEASURE_EVERY);

        assertThat(failureOf(() -> quotas.requireStorageRoom(ANN), ErrorKind.RESOURCE_EXHAUSTED).getMessage())
                .contains("100 bytes", "max-stored-bytes-per-tenant");
    }

    @Test
    void readOnlySqlPassesOverTheLimitAndEverythingElseIsRefused() {
        storage.ensureBucket(ANN.databaseBucket());
        storage.put(ANN.databaseBucket(), "db.duckdb", new byte[200]);

        quotas.requireRoomUnlessReadOnly(ANN, "SELECT 1; FROM t; EXPLAIN SELECT 2; (SELECT 3)");
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "SELECT 1; DELETE FROM t", "WITH x AS (SELECT 1) "
                + "SELECT * FROM x", "CREATE TABLE u (a INT)", "EXPLAIN ANALYZE INSERT INTO t SELECT * FROM t",
                "explain (analyze) CREATE TABLE v AS SELECT 1"}) {
            failureOf(() -> quotas.requireRoomUnlessReadOnly(ANN, sql), ErrorKind.RESOURCE_EXHAUSTED);
        }
    }

    @Test
    void theMeasurementIsKeptForAWhileAndForgottenOnRequest() {
        storage.ensureBucket(ANN.databaseBucket());
        quotas.requireStorageRoom(ANN);
        storage.put(ANN.databaseBucket(), "db.duckdb", new byte[200]);

        quotas.requireStorageRoom(ANN);
        quotas.forget(ANN);

        failureOf(() -> quotas.requireStorageRoom(ANN), ErrorKind.RESOURCE_EXHAUSTED);
    }
}
