package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.in.CreateFunctionCommand;
import isa.duckdb.application.port.in.CreateViewCommand;
import isa.duckdb.application.port.in.DeleteDatabaseCommand;
import isa.duckdb.application.port.in.DropTableCommand;
import isa.duckdb.application.port.in.ExportQueryCommand;
import isa.duckdb.application.port.in.ImportObjectCommand;
import isa.duckdb.application.port.in.ImportStreamCommand;
import isa.duckdb.application.port.in.ListDatabasesQuery;
import isa.duckdb.application.port.in.ListTablesQuery;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.QueryObjectCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.in.TableRef;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.TenantId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application, not only the gRPC adapter, refuses a principal acting as a tenant it may not act as: every use
 * case entry point answers PERMISSION_DENIED and leaves the other tenant's databases as they were.
 */
class TenantAuthorizationTest {
    private static final TenantId BOB = TenantId.of("bob");
    private static final CancellationSignal NONE = CancellationSignal.none();
    @TempDir
    Path work;
    private ServiceHarness harness;

    @BeforeEach
    void bobHasADatabase() {
        harness = new ServiceHarness(new InMemoryQueryEngine(), work);
        harness.create(BOB, "ledger");
    }

    @Test
    void aPrincipalActingAsAnotherTenantIsRefusedByEveryUseCase() {
        Caller ann = new Caller(Principal.user("ann", List.of("org-acme"), List.of()), "bob");
        List<ThrowingConsumer<Caller>> entryPoints = List.of(
                c -> harness.databases().create(new CreateDatabaseCommand(c, "x", "", "", Map.of(), Map.of())),
                c -> harness.databases().list(new ListDatabasesQuery(c, "", "", 0, 0)),
                c -> harness.databases().describe(c, "ledger"),
                c -> harness.databases().delete(new DeleteDatabaseCommand(c, "ledger", true, true)),
                c -> harness.queries().open(new QueryCommand(c, "ledger", "SELECT 1", "", Map.of(), 0, 0), NONE),
                c -> harness.queries().explain(new QueryCommand(c, "ledger", "SELECT 1", "", Map.of(), 0, 0), NONE),
                c -> harness.queries().execute(new StatementCommand(c, "ledger", "SELECT 1", "", Map.of(), 0), NONE),
                c -> harness.queries().execute(new BatchCommand(c, "ledger", List.of("SELECT 1"), false), NONE),
                c -> harness.queries().prepare(c, "ledger", "SELECT 1"),
                c -> harness.transfers().importObject(new ImportObjectCommand(c, "ledger", "t", "data", "x.csv", "csv",
                        true, false, Map.of()), NONE),
                c -> harness.transfers().exportQuery(new ExportQueryCommand(c, "ledger", "SELECT 1", "data", "x.csv",
                        "csv", Map.of(), true), NONE),
                c -> harness.transfers().queryObject(new QueryObjectCommand(c, "ledger", "data", "x.csv", "csv", "",
                        Map.of(), 0), NONE),
                c -> harness.transfers().begin(new ImportStreamCommand(c, "ledger", "t", "csv", 0, Map.of())),
                c -> harness.backups().backup(c, "ledger", "", false),
                c -> harness.backups().restore(c, "backups/x.duckdb", "copy"),
                c -> harness.tables().list(new ListTablesQuery(c, "ledger", "", ""), NONE),
                c -> harness.tables().describe(new TableRef(c, "ledger", "t"), NONE),
                c -> harness.tables().drop(new DropTableCommand(new TableRef(c, "ledger", "t"), false, false), NONE),
                c -> harness.views().create(new CreateViewCommand(new TableRef(c, "ledger", "v"), "SELECT 1", false),
                        NONE),
                c -> harness.views().list(c, "ledger", NONE),
                c -> harness.functions().create(new CreateFunctionCommand(c, "ledger", "f", "1", List.of(), ""), NONE),
                c -> harness.extensions("json").list(c, "ledger", NONE));

        for (ThrowingConsumer<Caller> entryPoint : entryPoints) {
            failureOf(() -> entryPoint.accept(ann), ErrorKind.PERMISSION_DENIED);
        }
        assertThat(harness.databases().list(new ListDatabasesQuery(Caller.trusted(BOB), "", "", 0, 0)).databases())
                .extracting(v -> v.descriptor().name().value()).containsExactly("ledger");
        assertThat(harness.access().runningCalls(BOB)).isZero();
    }

    @Test
    void healthAndMetricsOfADatabaseNeedAPrincipalForItsTenantAndServiceWideMetricsAnAdmin() {
        Principal ann = Principal.user("ann", List.of(), List.of());

        failureOf(() -> harness.health().check(ann, "bob/ledger"), ErrorKind.PERMISSION_DENIED);
        failureOf(() -> harness.metricsService().databaseMetrics(ann, "bob/ledger"), ErrorKind.PERMISSION_DENIED);
        failureOf(() -> harness.metricsService().serviceMetrics(ann), ErrorKind.PERMISSION_DENIED);
        failureOf(() -> harness.health().check(Principal.anonymous(), "bob/ledger"), ErrorKind.UNAUTHENTICATED);
        assertThat(harness.health().check(Principal.anonymous(), "").healthy()).isTrue();
        assertThat(harness.metricsService().databaseMetrics(Principal.user("bob", List.of(), List.of()), "bob/ledger")
                .databaseName()).isEqualTo("ledger");
    }
}
