package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ColumnDefinition;
import isa.duckdb.domain.ColumnDescription;
import isa.duckdb.domain.ColumnStatistics;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ExtensionName;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlExpression;
import isa.duckdb.domain.SqlType;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import isa.duckdb.domain.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSchemaCatalogTest {
    @TempDir
    Path directory;
    EngineDatabase database;
    EngineSession session;
    SchemaCatalog catalog;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(directory.resolve("scratch"));
        database = new DuckDbQueryEngineAdapter().open(directory.resolve("test.duckdb"),
                new EngineLimits(1, "256MB", directory.resolve("scratch")));
        session = database.openSession();
        catalog = session.catalog(CancellationSignal.none());
    }

    @AfterEach
    void close() {
        session.close();
        database.close();
    }

    private static ColumnDefinition column(String name, String type, boolean nullable, String defaultValue,
            boolean unique, String comment) {
        return new ColumnDefinition(Identifier.of(name), SqlType.of("type", type), nullable,
                Optional.ofNullable(defaultValue).map(d -> SqlExpression.of("default", d)), unique, comment);
    }

    private void run(String sql) {
        session.run(new BoundSql(sql, List.of()), CancellationSignal.none()).rows().ifPresent(RowCursor::close);
    }

    private List<Value[]> rows(String sql) {
        try (RowCursor cursor = session.run(new BoundSql(sql, List.of()), CancellationSignal.none()).rows().orElseThrow()) {
            return cursor.next(1000).toRows();
        }
    }

    @Test
    void aCreatedTableReadsBackWithEveryConstraintAndComment() {
        catalog.createTable(new TableDefinition(QualifiedName.parse("Orders"), List.of(
                column("id", "BIGINT", false, null, false, "the key"),
                column("region", "VARCHAR", false, "'north'", false, ""),
                column("code", "VARCHAR(8)", true, null, true, "it's unique"),
                column("amount", "DECIMAL(18,3)", true, "0", false, ""),
                column("tags", "VARCHAR[]", true, null, false, "")),
                List.of(Identifier.of("id"), Identifier.of("region")), "orders of 'all' kinds"));

        TableDescription table = catalog.describeTable(QualifiedName.parse("orders")).orElseThrow();

        assertThat(table.name()).isEqualTo("Orders");
        assertThat(table.schemaName()).isEqualTo("main");
        assertThat(table.tableType()).isEqualTo("BASE TABLE");
        assertThat(table.comment()).isEqualTo("orders of 'all' kinds");
        assertThat(table.rowCount()).isZero();
        Map<String, ColumnDescription> columns = table.columns().stream()
                .collect(Collectors.toMap(ColumnDescription::name, Function.identity()));
        assertThat(table.columns()).extracting(ColumnDescription::name)
                .containsExactly("id", "region", "code", "amount", "tags");
        assertThat(columns.get("id")).isEqualTo(new ColumnDescription("id", "BIGINT", false, "", true, false, "the key"));
        assertThat(columns.get("region")).isEqualTo(new ColumnDescription("region", "VARCHAR", false, "'north'", true,
                false, ""));
        assertThat(columns.get("code")).isEqualTo(new ColumnDescription("code", "VARCHAR", true, "", false, true,
                "it's unique"));
        assertThat(columns.get("amount").dataType()).isEqualTo("DECIMAL(18,3)");
        assertThat(columns.get("amount").defaultValue()).isEqualTo("0");
        assertThat(columns.get("tags").dataType()).isEqualTo("VARCHAR[]");
    }

    @Test
    void aOneColumnPrimaryKeyIsUniqueAndAnExistingNameIsAlreadyExists() {
        TableDefinition definition = new TableDefinition(QualifiedName.parse("t"),
                List.of(column("id", "INTEGER", true, null, true, "")), List.of(Identifier.of("id")), "");
        catalog.createTable(definition);

        ColumnDescription id = catalog.describeTable(QualifiedName.parse("t")).orElseThrow().columns().get(0);
        assertThat(id.primaryKey()).isTrue();
        assertThat(id.unique()).isTrue();
        assertThat(id.nullable()).isFalse();
        assertThatThrownBy(() -> catalog.createTable(definition)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    }

    @Test
    void aTypeMustBeExactlyOneDuckDbTypeAndNothingIsCreatedOtherwise() {
        run("CREATE TABLE keep(x INTEGER)");
        for (String type : List.of("INTEGER NOT NULL", "INTEGER PRIMARY KEY", "no_such_type", "INTEGER AS x",
                "INTEGER GENERATED ALWAYS AS (1)")) {
            TableDefinition definition = new TableDefinition(QualifiedName.parse("victim"),
                    List.of(column("a", type, true, null, false, "")), List.of(), "");
            assertThatThrownBy(() -> catalog.createTable(definition)).as(type)
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("data_type of column 'a'");
                    });
        }
        assertThat(catalog.tableExists(QualifiedName.parse("victim"))).isFalse();
        assertThat(catalog.tableExists(QualifiedName.parse("keep"))).isTrue();
    }

    @Test
    void listingShowsBaseTablesWithExactCountsAndGrowingSizes() {
        run("CREATE SCHEMA side");
        run("CREATE TABLE small AS SELECT range AS id FROM range(3)");
        run("CREATE TABLE big AS SELECT range AS id, 'row ' || range AS label FROM range(200000)");
        run("CREATE TABLE side.other(x INTEGER)");
        run("CREATE VIEW not_a_table AS SELECT 1 AS one");

        List<TableDescription> all = catalog.listTables(Optional.empty(), "");
        assertThat(all).extracting(t -> t.schemaName() + "." + t.name())
                .containsExactly("main.big", "main.small", "side.other");
        TableDescription big = all.get(0);
        TableDescription small = all.get(1);
        assertThat(big.rowCount()).isEqualTo(200_000);
        assertThat(small.rowCount()).isEqualTo(3);
        assertThat(small.sizeBytes()).isPositive();
        assertThat(big.sizeBytes()).isGreaterThan(small.sizeBytes()).isBetween(200_000L, 20_000_000L);
        assertThat(big.columns()).extracting(ColumnDescription::name).containsExactly("id", "label");

        assertThat(catalog.listTables(Optional.of("side"), "")).extracting(TableDescription::name).containsExactly("other");
        assertThat(catalog.listTables(Optional.empty(), "SMA")).extracting(TableDescription::name).containsExactly("small");
    }

    @Test
    void statisticsAreExactWithTypedMinimumAndMaximum() {
        run("CREATE TABLE facts(n INTEGER, label VARCHAR, seen TIMESTAMP, price DECIMAL(10,2), tags INTEGER[],"
                + " attrs MAP(VARCHAR, INTEGER))");
        run("INSERT INTO facts VALUES (5, 'b', TIMESTAMP '2024-01-02 00:00:00', 1.50, [1], MAP {'a': 1}),"
                + " (1, 'a', TIMESTAMP '2024-01-01 00:00:00', 9.99, [2, 3], MAP {'b': 2}),"
                + " (5, NULL, NULL, NULL, NULL, NULL)");

        TableStatistics stats = catalog.tableStatistics(QualifiedName.parse("facts"), true).orElseThrow();

        assertThat(stats.rowCount()).isEqualTo(3);
        assertThat(stats.sizeBytes()).isPositive();
        Map<String, ColumnStatistics> byName = stats.columns().stream()
                .collect(Collectors.toMap(ColumnStatistics::name, Function.identity()));
        assertThat(byName.get("n")).isEqualTo(new ColumnStatistics("n", 2, new Value.Int(1), new Value.Int(5), 0));
        assertThat(byName.get("label")).isEqualTo(new ColumnStatistics("label", 2, new Value.Text("a"),
                new Value.Text("b"), 1));
        assertThat(byName.get("seen").min()).isEqualTo(new Value.Timestamp(Instant.parse("2024-01-01T00:00:00Z")));
        assertThat(byName.get("price").max()).isEqualTo(new Value.Text("9.99"));
        assertThat(byName.get("tags").nullCount()).isEqualTo(1);
        assertThat(byName.get("attrs").distinctCount()).isEqualTo(2);
        assertThat(catalog.tableStatistics(QualifiedName.parse("facts"), false).orElseThrow().columns()).isEmpty();
        assertThat(catalog.tableStatistics(QualifiedName.parse("nowhere"), true)).isEmpty();
    }

    @Test
    void namesMadeInSqlBeyondTheRpcLimitsAreStillDescribed() {
        String longName = "c".repeat(300);
        run("CREATE TABLE wide(\"" + longName + "\" INTEGER, \"q\"\"uote\" INTEGER)");
        run("INSERT INTO wide VALUES (1, 2)");

        TableStatistics stats = catalog.tableStatistics(QualifiedName.parse("wide"), true).orElseThrow();

        assertThat(stats.columns()).extracting(ColumnStatistics::name).containsExactly(longName, "q\"uote");
        assertThat(stats.columns().get(1).max()).isEqualTo(new Value.Int(2));
    }

    @Test
    void viewsAreListedApartFromTablesAndDropped() {
        run("CREATE TABLE t(x INTEGER)");
        catalog.createView(QualifiedName.parse("v"), "SELECT x * 2 AS y FROM t", false);

        assertThat(catalog.listViews()).containsExactly("v");
        assertThat(catalog.viewExists(QualifiedName.parse("V"))).isTrue();
        assertThat(catalog.tableExists(QualifiedName.parse("v"))).isFalse();
        assertThatThrownBy(() -> catalog.createView(QualifiedName.parse("v"), "SELECT 1", false))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
        catalog.createView(QualifiedName.parse("v"), "SELECT 1 AS y", true);
        catalog.dropView(QualifiedName.parse("v"));
        assertThat(catalog.listViews()).isEmpty();
    }

    @Test
    void macrosAreCallableAndTheirReturnTypeCastsTheResult() {
        catalog.createMacro(new MacroDefinition(Identifier.of("add tax"), List.of(Identifier.of("amount")),
                SqlExpression.of("body", "amount * 1.2"), Optional.of(SqlType.of("type", "DECIMAL(10,2)")), false));
        catalog.createMacro(new MacroDefinition(Identifier.of("first_n"), List.of(Identifier.of("n")),
                SqlExpression.of("body", "SELECT range AS i FROM range(n)"), Optional.empty(), true));

        Value[] row = rows("SELECT \"add tax\"(10), typeof(\"add tax\"(10))").get(0);
        assertThat(row[0]).isEqualTo(new Value.Text("12.00"));
        assertThat(row[1]).isEqualTo(new Value.Text("DECIMAL(10,2)"));
        assertThat(rows("SELECT count(*) FROM first_n(4)").get(0)[0]).isEqualTo(new Value.Int(4));
        assertThatThrownBy(() -> catalog.createMacro(new MacroDefinition(Identifier.of("f"), List.of(),
                SqlExpression.of("body", "1"), Optional.of(SqlType.of("type", "INTEGER NOT NULL")), false)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void extensionsAreReadInTheSandboxAndOnlyBundledOnesLoad() {
        List<EngineExtension> extensions = catalog.extensions();

        EngineExtension parquet = extensions.stream().filter(e -> e.name().equals("parquet")).findFirst().orElseThrow();
        assertThat(parquet.installed()).isTrue();
        assertThat(parquet.loaded()).isTrue();
        assertThat(parquet.version()).startsWith("v");
        assertThat(parquet.description()).isNotEmpty();
        EngineExtension spatial = extensions.stream().filter(e -> e.name().equals("spatial")).findFirst().orElseThrow();
        assertThat(spatial.installed()).isFalse();

        catalog.loadExtension(ExtensionName.of("json"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> catalog.loadExtension(ExtensionName.of("spatial"))).isInstanceOf(ServiceException.class);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
    }

    @Test
    void theSandboxStillRefusesFilesOutsideTheScratchFolder() throws Exception {
        Files.writeString(directory.resolve("neighbour.txt"), "not yours");

        assertThatThrownBy(() -> ((DuckDbSession) session).runTrusted(new BoundSql("SELECT * FROM read_text('"
                + directory.resolve("neighbour.txt") + "')", List.of()), CancellationSignal.none()))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.getMessage()).contains("Permission Error"));
    }
}
