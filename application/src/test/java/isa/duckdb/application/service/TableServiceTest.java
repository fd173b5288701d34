package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.ColumnSpec;
import isa.duckdb.application.port.in.CreateTableCommand;
import isa.duckdb.application.port.in.CreatedTable;
import isa.duckdb.application.port.in.DropTableCommand;
import isa.duckdb.application.port.in.ListTablesQuery;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.in.TableRef;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ColumnDescription;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CreateTable, ListTables, DescribeTable, GetTableStats and DropTable through the engine's catalog. */
class TableServiceTest {
    private static final ColumnSpec ID = new ColumnSpec("id", "INTEGER", false, "", true, false, "the key");
    private static final ColumnSpec ITEM = new ColumnSpec("item", "VARCHAR", true, "'none'", false, true, "");

    @TempDir
    Path work;
    private final RecordingCatalogEngine engine = new RecordingCatalogEngine();
    private ServiceHarness harness;
    private TableService tables;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        tables = harness.tables();
        harness.create(LENA, "sales");
    }

    private static CreateTableCommand table(String name, List<ColumnSpec> columns, List<String> keys,
            boolean ifNotExists) {
        return new CreateTableCommand(Caller.trusted(LENA), "sales", name, columns, keys, ifNotExists, "orders of the shop");
    }

    private CreatedTable create(CreateTableCommand command) {
        return tables.create(command, CancellationSignal.none());
    }

    private static TableRef ref(String name) {
        return new TableRef(Caller.trusted(LENA), "sales", name);
    }

    private void execute(String sql) {
        harness.queries().execute(new StatementCommand(Caller.trusted(LENA), "sales", sql, "", Map.of(), 0), CancellationSignal.none());
    }

    @Test
    void aCreatedTableIsDescribedAndUsable() {
        CreatedTable created = create(table("user_lena_orders", List.of(ID, ITEM), List.of(), false));

        assertThat(created.created()).isTrue();
        assertThat(created.table().name()).isEqualTo("orders");
        assertThat(created.table().columns()).extracting(ColumnDescription::name, ColumnDescription::dataType,
                ColumnDescription::primaryKey).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "INTEGER", true),
                        org.assertj.core.groups.Tuple.tuple("item", "VARCHAR", false));
        execute("INSERT INTO orders VALUES (1, 'pen')");
        assertThat(tables.describe(ref("orders"), CancellationSignal.none()).rowCount()).isEqualTo(1);
    }

    @Test
    void theCatalogGetsTheCheckedDefinitionWithOnePrimaryKey() {
        create(table("orders", List.of(ID, ITEM), List.of("ID", "id"), false));

        assertThat(engine.changes()).singleElement().isInstanceOfSatisfying(TableDefinition.class, definition -> {
            assertThat(definition.name().name().value()).isEqualTo("orders");
            assertThat(definition.primaryKey()).extracting(Identifier::value).containsExactly("ID");
            assertThat(definition.comment()).isEqualTo("orders of the shop");
            assertThat(definition.columns().get(1).defaultValue()).hasValueSatisfying(
                    value -> assertThat(value.text()).isEqualTo("'none'"));
            assertThat(definition.columns().get(1).unique()).isTrue();
            assertThat(definition.columns().get(0).comment()).isEqualTo("the key");
        });
    }

    @Test
    void anExistingTableIsRefusedUnlessIfNotExistsIsSet() {
        create(table("orders", List.of(ID), List.of(), false));

        failureOf(() -> create(table("orders", List.of(ID, ITEM), List.of(), false)), ErrorKind.ALREADY_EXISTS);
        CreatedTable again = create(table("ORDERS", List.of(ID, ITEM), List.of(), true));

        assertThat(again.created()).isFalse();
        assertThat(again.table().columns()).hasSize(1);
        assertThat(engine.changes()).hasSize(1);
    }

    @Test
    void columnsAreCheckedBeforeAnythingReachesTheCatalog() {
        ColumnSpec unnamed = new ColumnSpec("", "INTEGER", true, "", false, false, "");
        ColumnSpec injected = new ColumnSpec("x", "INTEGER); DROP TABLE orders; --", true, "", false, false, "");
        ColumnSpec badDefault = new ColumnSpec("x", "INTEGER", true, "1) , y INTEGER (", false, false, "");
        ColumnSpec unknownType = new ColumnSpec("x", "FANCYTYPE", true, "", false, false, "");

        String message = failureOf(() -> create(table("t", List.of(ID, unnamed), List.of(), false)),
                ErrorKind.INVALID_ARGUMENT).getMessage();
        failureOf(() -> create(table("t", List.of(), List.of(), false)), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create(table("t", List.of(ID, ID), List.of(), false)), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create(table("t", List.of(injected), List.of(), false)), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create(table("t", List.of(badDefault), List.of(), false)), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create(table("t", List.of(ID), List.of("nope"), false)), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create(table("t", List.of(unknownType), List.of(), false)), ErrorKind.INVALID_ARGUMENT);

        assertThat(message).contains("column 2 has no name");
        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void tablesAreListedBySchemaAndPartOfTheName() {
        execute("CREATE SCHEMA shop");
        create(table("orders", List.of(ID), List.of(), false));
        create(table("shop.order_lines", List.of(ID), List.of(), false));
        create(table("customers", List.of(ID), List.of(), false));

        List<TableDescription> all = tables.list(new ListTablesQuery(Caller.trusted(LENA), "sales", "", ""), CancellationSignal.none());
        List<TableDescription> filtered = tables.list(new ListTablesQuery(Caller.trusted(LENA), "sales", "", "user_lena_ORDER"),
                CancellationSignal.none());
        List<TableDescription> inShop = tables.list(new ListTablesQuery(Caller.trusted(LENA), "sales", "shop", ""),
                CancellationSignal.none());

        assertThat(all).extracting(TableDescription::name).containsExactly("customers", "orders", "order_lines");
        assertThat(filtered).extracting(TableDescription::name).containsExactly("orders", "order_lines");
        assertThat(inShop).extracting(TableDescription::name).containsExactly("order_lines");
    }

    @Test
    void aMissingTableIsNotFoundForDescribeAndStatistics() {
        failureOf(() -> tables.describe(ref("nope"), CancellationSignal.none()), ErrorKind.NOT_FOUND);
        failureOf(() -> tables.statistics(ref("nope"), true, CancellationSignal.none()), ErrorKind.NOT_FOUND);
        failureOf(() -> tables.describe(new TableRef(Caller.trusted(LENA), "other_db", "orders"), CancellationSignal.none()),
                ErrorKind.NOT_FOUND);
    }

    @Test
    void statisticsCountRowsAndColumnsOnlyWhenAsked() {
        create(table("orders", List.of(ID, ITEM), List.of(), false));
        execute("INSERT INTO orders VALUES (1, 'pen'), (2, NULL)");

        TableStatistics brief = tables.statistics(ref("user_lena_orders"), false, CancellationSignal.none());
        TableStatistics full = tables.statistics(ref("orders"), true, CancellationSignal.none());

        assertThat(brief.rowCount()).isEqualTo(2);
        assertThat(brief.columns()).isEmpty();
        assertThat(full.columns()).hasSize(2);
        assertThat(full.columns().get(1).nullCount()).isEqualTo(1);
    }

    @Test
    void droppingATableRemovesItAndSaysSo() {
        create(table("orders", List.of(ID), List.of(), false));

        String message = tables.drop(new DropTableCommand(ref("user_lena_orders"), false, true), CancellationSignal.none());

        assertThat(message).isEqualTo("table 'orders' dropped");
        assertThat(engine.changes()).last().isEqualTo("dropTable main.orders CASCADE");
        failureOf(() -> tables.describe(ref("orders"), CancellationSignal.none()), ErrorKind.NOT_FOUND);
    }

    @Test
    void droppingAMissingTableIsNotFoundUnlessIfExistsIsSet() {
        failureOf(() -> tables.drop(new DropTableCommand(ref("nope"), false, false), CancellationSignal.none()),
                ErrorKind.NOT_FOUND);

        String message = tables.drop(new DropTableCommand(ref("nope"), true, false), CancellationSignal.none());

        assertThat(message).contains("does not exist; nothing to drop");
        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void aCancelledCallTouchesNoCatalog() {
        CancellationSignal cancelled = CancellationSignal.none();
        cancelled.cancel(ErrorKind.CANCELLED);

        failureOf(() -> tables.create(table("orders", List.of(ID), List.of(), false), cancelled), ErrorKind.CANCELLED);

        assertThat(engine.changes()).isEmpty();
    }
}
