package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HealthCheck: real checks of the engine and the storage, and optionally of one database. */
class HealthServiceTest {
    @TempDir
    Path work;
    private final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    private ServiceHarness harness;
    private HealthService health;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        health = harness.health();
    }

    @Test
    void aHealthyServiceIsServingAndSaysWhatItChecked() {
        harness.create(LENA, "sales");
        harness.clock.advance(Duration.ofSeconds(42));

        HealthReport report = health.check();

        assertThat(report.healthy()).isTrue();
        assertThat(report.status()).isEqualTo("SERVING");
        assertThat(report.checks()).containsEntry("engine", "ok").containsEntry("storage", "ok")
                .containsEntry("unsynced_databases", "0").doesNotContainKey("database");
        assertThat(report.openDatabases()).isEqualTo(1);
        assertThat(report.storageBackend()).isEqualTo("memory");
        assertThat(report.uptime()).isEqualTo(Duration.ofSeconds(42));
        assertThat(report.engineVersion()).isEqualTo(engine.version());
    }

    @Test
    void aStorageOutageDegradesTheServiceAndSaysWhy() {
        harness.storage.setAvailable(false);

        HealthReport report = health.check();

        assertThat(report.healthy()).isFalse();
        assertThat(report.status()).isEqualTo("DEGRADED");
        assertThat(report.checks()).containsEntry("engine", "ok")
                .containsEntry("storage", "UNAVAILABLE: object storage is unavailable");
    }

    @Test
    void aFailingEngineMeansNotServing() {
        engine.failSelfTest(new ServiceException(ErrorKind.INTERNAL, "the engine could not run SELECT 1"));

        HealthReport report = health.check();

        assertThat(report.healthy()).isFalse();
        assertThat(report.status()).isEqualTo("NOT_SERVING");
        assertThat(report.checks().get("engine")).startsWith("INTERNAL:");
    }

    @Test
    void aNamedDatabaseThatOpensIsOk() {
        String id = harness.create(LENA, "sales").id();

        assertThat(health.check(Principal.trusted(), "lena/sales").checks()).containsEntry("database", "ok");
        assertThat(health.check(Principal.trusted(), "lena/" + id).status()).isEqualTo("SERVING");
    }

    @Test
    void aNamedDatabaseThatDoesNotOpenMakesTheServiceDegradedWithoutSayingWhy() {
        harness.create(LENA, "sales");

        HealthReport missing = health.check(Principal.trusted(), "lena/nope");
        HealthReport otherTenant = health.check(Principal.trusted(), "mia/sales");

        assertThat(missing.checks()).containsEntry("database", "does not open");
        assertThat(missing.status()).isEqualTo("DEGRADED");
        assertThat(otherTenant.checks()).containsEntry("database", "does not open");
    }

    @Test
    void aDatabaseReferenceWithoutTenantIsInvalid() {
        failureOf(() -> health.check(Principal.trusted(), "sales"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> health.check(Principal.trusted(), "lena/"), ErrorKind.INVALID_ARGUMENT);
    }
}
