package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.ServiceMetrics;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.ErrorKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetMetrics: the service's counters and one database's. */
class MetricsServiceTest {
    @TempDir
    Path work;
    private ServiceHarness harness;
    private MetricsService metrics;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(new InMemoryQueryEngine(), work);
        metrics = harness.metricsService();
    }

    @Test
    void theServiceCountsOpenDatabasesCacheUseSyncsAndStatements() {
        harness.create(LENA, "sales");
        long hitsAfterCreate = metrics.serviceMetrics(Principal.trusted()).cacheHits();
        harness.databases().describe(Caller.trusted(LENA), "sales");
        harness.databases().describe(Caller.trusted(LENA), "sales");
        harness.metrics.record(3_000_000, true);
        harness.metrics.record(1_000_000, false);
        harness.clock.advance(Duration.ofMinutes(2));

        ServiceMetrics service = metrics.serviceMetrics(Principal.trusted());

        assertThat(service.openDatabases()).isEqualTo(1);
        assertThat(service.cacheHits()).isEqualTo(hitsAfterCreate + 2);
        assertThat(service.cacheMisses()).isZero();
        assertThat(service.syncs()).isEqualTo(1);
        assertThat(service.syncFailures()).isZero();
        assertThat(service.unsyncedDatabases()).isZero();
        assertThat(service.queries().count()).isEqualTo(2);
        assertThat(service.queriesFailed()).isEqualTo(1);
        assertThat(service.uptime()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aDatabasesMetricsNameItAndTellItsStateHere() {
        DatabaseDescriptor sales = harness.create(LENA, "sales");
        long hitsAfterCreate = metrics.databaseMetrics(Principal.trusted(), "lena/sales").cacheHits();
        harness.clock.advance(Duration.ofSeconds(5));
        try (Lease running = harness.lifecycle.acquire(sales, CancellationSignal.none())) {

            DatabaseMetrics database = metrics.databaseMetrics(Principal.trusted(), "lena/" + sales.id());

            assertThat(database.tenant()).isEqualTo("lena");
            assertThat(database.databaseName()).isEqualTo("sales");
            assertThat(database.databaseId()).isEqualTo(sales.id());
            assertThat(database.open()).isTrue();
            assertThat(database.callsInFlight()).isEqualTo(1);
            assertThat(database.cacheHits()).isEqualTo(hitsAfterCreate + 1);
            assertThat(database.cacheMisses()).isZero();
            assertThat(database.syncs()).isEqualTo(1);
            assertThat(database.lastAccess()).contains(ServicesFixture.START.plusSeconds(5));
        }
    }

    @Test
    void aDatabaseClosedHereHasNoLastAccessAndNoCallsInFlight() {
        ServiceHarness other = harness.anotherInstance(new InMemoryQueryEngine(), work.resolve("other"));
        harness.create(LENA, "sales");

        DatabaseMetrics database = other.metricsService().databaseMetrics(Principal.trusted(), "lena/sales");

        assertThat(database.open()).isFalse();
        assertThat(database.callsInFlight()).isZero();
        assertThat(database.lastAccess()).isEmpty();
        assertThat(database.queries().count()).isZero();
    }

    @Test
    void anUnknownDatabaseIsNotFoundAndAReferenceWithoutTenantInvalid() {
        failureOf(() -> metrics.databaseMetrics(Principal.trusted(), "lena/nope"), ErrorKind.NOT_FOUND);
        failureOf(() -> metrics.databaseMetrics(Principal.trusted(), "sales"), ErrorKind.INVALID_ARGUMENT);
    }
}
