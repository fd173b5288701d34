package isa.duckdb.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ColumnDefinition;
import isa.duckdb.domain.ColumnDescription;
import isa.duckdb.domain.ColumnStatistics;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ExtensionName;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.SqlExpression;
import isa.duckdb.domain.SqlType;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of {@link QueryEngine} relies on, run against the DuckDB adapter and the in-memory
 * fake alike: sessions, cursors in batches, affected rows, transactions, persistence, the change
 * marker, cancellation, error kinds, files in and out, and the catalog, over the SQL subset the fake
 * interprets. Sandbox refusals are DuckDB's own and tested beside the DuckDB adapter.
 */
public abstract class QueryEngineContract {

    @TempDir
    protected Path directory;

    private final List<EngineDatabase> opened = new ArrayList<>();

    /** The engine under test; one per test. */
    protected abstract QueryEngine engine();

    /** A query that keeps the engine busy far longer than any test (until cancelled). */
    protected abstract String longRunningQuery();

    /** Returns once {@code worker} runs {@link #longRunningQuery()} inside the engine. */
    protected abstract void awaitRunning(Thread worker);

    @AfterEach
    void closeDatabases() {
        opened.forEach(EngineDatabase::close);
    }

    protected EngineDatabase open(String name) {
        try {
            Path scratch = Files.createDirectories(directory.resolve(name + "-scratch"));
            EngineDatabase database = engine().open(directory.resolve(name), new EngineLimits(1, "256MB", scratch));
            opened.add(database);
            return database;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Path scratchOf(String name) {
        return directory.resolve(name + "-scratch");
    }

    protected static StatementOutcome run(EngineSession session, String sql, Value... values) {
        return session.run(new BoundSql(sql, List.of(values)), CancellationSignal.none());
    }

    protected static long affected(EngineSession session, String sql, Value... values) {
        StatementOutcome outcome = run(session, sql, values);
        assertThat(outcome.rows()).as("rows of " + sql).isEmpty();
        return outcome.affectedRows();
    }

    protected static List<List<Value>> rows(EngineSession session, String sql, Value... values) {
        try (RowCursor cursor = run(session, sql, values).rows().orElseThrow()) {
            List<List<Value>> rows = new ArrayList<>();
            for (List<Value[]> batch = cursor.next(100).toRows(); !batch.isEmpty(); batch = cursor.next(100).toRows()) {
                batch.forEach(row -> rows.add(List.of(row)));
            }
            return rows;
        }
    }

    protected static long count(EngineSession session, String table) {
        return ((Value.Int) rows(session, "SELECT count(*) FROM " + table).get(0).get(0)).value();
    }

    protected static ErrorKind kindOf(Runnable call) {
        return catchThrowableOfType(ServiceException.class, call::run).kind();
    }

    private static Value text(String value) {
        return new Value.Text(value);
    }

    private static Value integer(long value) {
        return new Value.Int(value);
    }

    @Test
    void knowsTimeZonesByNameWhateverTheirCaseAndSpellsThemItsOwnWay() {
        assertThat(engine().timeZone("UTC")).contains("UTC");
        assertThat(engine().timeZone("asia/tokyo")).contains("Asia/Tokyo");
        assertThat(engine().timeZone("America/New_York")).contains("America/New_York");
        assertThat(engine().timeZone("Mars/Olympus_Mons")).isEmpty();
        assertThat(engine().timeZone("")).isEmpty();
    }

    @Test
    void aMissingFileOpensAsAnEmptyDatabaseTheEngineRecognisesAsItsOwn() {
        EngineDatabase database = open("fresh.db");

        assertThat(database.tableCount()).isZero();
        database.close();
        assertThat(engine().isDatabaseFile(directory.resolve("fresh.db"))).isTrue();
    }

    @Test
    void aFileThatIsNotADatabaseIsNotRecognisedAndFailsToOpenWithInternalWithoutItsPath() throws Exception {
        Path foreign = Files.writeString(directory.resolve("notes.db"), "just some text, long enough to have a header");
        Files.write(directory.resolve("short.db"), new byte[] {1, 2});

        assertThat(engine().isDatabaseFile(foreign)).isFalse();
        assertThat(engine().isDatabaseFile(directory.resolve("short.db"))).isFalse();
        assertThat(engine().isDatabaseFile(directory.resolve("missing.db"))).isFalse();
        ServiceException failure = catchThrowableOfType(ServiceException.class, () -> open("notes.db"));
        assertThat(failure.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(failure.getMessage()).doesNotContain(directory.toString());
    }

    @Test
    void rowsComeBackWithTheirColumnsDuckDbTypesAndValuesIncludingNull() {
        try (EngineSession session = open("t.db").openSession()) {
            assertThat(affected(session, "CREATE TABLE t (id INTEGER, name VARCHAR, big BIGINT, ratio DOUBLE, ok BOOLEAN)"))
                    .isZero();
            assertThat(affected(session, "INSERT INTO t VALUES (1, 'a''b', 10000000000, 2.5, true), (2, NULL, -3, NULL, false)"))
                    .isEqualTo(2);

            try (RowCursor cursor = run(session, "SELECT * FROM t").rows().orElseThrow()) {
                assertThat(cursor.columns()).containsExactly(new Column("id", "INTEGER"), new Column("name", "VARCHAR"),
                        new Column("big", "BIGINT"), new Column("ratio", "DOUBLE"), new Column("ok", "BOOLEAN"));
                List<Value[]> batch = cursor.next(10).toRows();
                assertThat(batch).hasSize(2);
                assertThat(batch.get(0)).containsExactly(integer(1), text("a'b"), integer(10_000_000_000L),
                        new Value.Double(2.5), new Value.Bool(true));
                assertThat(batch.get(1)).containsExactly(integer(2), Value.NULL, integer(-3), Value.NULL,
                        new Value.Bool(false));
            }
        }
    }

    @Test
    void countStarIsABigintNamedCountStarAndRangeIsABigintNamedRange() {
        try (EngineSession session = open("t.db").openSession()) {
            try (RowCursor cursor = run(session, "SELECT count(*) FROM range(7)").rows().orElseThrow()) {
                assertThat(cursor.columns()).containsExactly(new Column("count_star()", "BIGINT"));
                assertThat(cursor.next(5).toRows()).singleElement().satisfies(row -> assertThat(row).containsExactly(integer(7)));
            }
            try (RowCursor cursor = run(session, "SELECT * FROM range(3)").rows().orElseThrow()) {
                assertThat(cursor.columns()).containsExactly(new Column("range", "BIGINT"));
                assertThat(cursor.next(5).toRows()).extracting(row -> row[0]).containsExactly(integer(0), integer(1), integer(2));
            }
        }
    }

    @Test
    void aCursorHandsOutBatchesOfAtMostTheAskedSizeThenEmptyOnes() {
        try (EngineSession session = open("t.db").openSession();
                RowCursor cursor = run(session, "SELECT * FROM range(10)").rows().orElseThrow()) {
            assertThat(cursor.next(4).toRows()).extracting(row -> row[0]).containsExactly(integer(0), integer(1), integer(2), integer(3));
            assertThat(cursor.next(4).toRows()).hasSize(4);
            assertThat(cursor.next(4).toRows()).extracting(row -> row[0]).containsExactly(integer(8), integer(9));
            assertThat(cursor.next(4).toRows()).isEmpty();
            assertThat(cursor.next(4).toRows()).isEmpty();
        }
    }

    @Test
    void aCursorClosedEarlyGivesNoMoreRowsAndTheSessionRunsOn() {
        try (EngineSession session = open("t.db").openSession()) {
            RowCursor cursor = run(session, "SELECT * FROM range(1000)").rows().orElseThrow();
            assertThat(cursor.columns()).extracting(Column::name).containsExactly("range");
            assertThat(cursor.next(1).toRows()).hasSize(1);
            cursor.close();

            assertThat(cursor.next(10).toRows()).isEmpty();
            assertThat(count(session, "range(5)")).isEqualTo(5);
        }
    }

    @Test
    void changesReportAffectedRowsAndDefinitionsReportNone() {
        try (EngineSession session = open("t.db").openSession()) {
            assertThat(affected(session, "CREATE TABLE t (id INTEGER)")).isZero();
            assertThat(affected(session, "INSERT INTO t VALUES (1), (2), (3)")).isEqualTo(3);
            assertThat(affected(session, "DELETE FROM t WHERE id = 2")).isEqualTo(1);
            assertThat(rows(session, "SELECT * FROM t")).containsExactly(List.of(integer(1)), List.of(integer(3)));
            assertThat(affected(session, "DELETE FROM t")).isEqualTo(2);
            assertThat(affected(session, "DROP TABLE t")).isZero();
        }
    }

    @Test
    void severalStatementsRunInOrderAndTheLastOneAnswers() {
        try (EngineSession session = open("t.db").openSession()) {
            assertThat(affected(session, "CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2)")).isEqualTo(2);
            assertThat(rows(session, "INSERT INTO t VALUES (3); SELECT count(*) FROM t"))
                    .containsExactly(List.of(integer(3)));
        }
    }

    @Test
    void parametersBindByPositionAndCastToTheColumnType() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER, name VARCHAR)");
            assertThat(affected(session, "INSERT INTO t VALUES ($1, $2)", integer(1), text("one"))).isEqualTo(1);
            assertThat(affected(session, "INSERT INTO t VALUES (?, ?)", text("2"), Value.NULL)).isEqualTo(1);

            assertThat(rows(session, "SELECT * FROM t WHERE id = ?", integer(2))).containsExactly(List.of(integer(2), Value.NULL));
            assertThat(rows(session, "SELECT * FROM t WHERE name = $1", text("one"))).hasSize(1);
        }
    }

    @Test
    void aWrongNumberOfParametersOrAValueThatDoesNotConvertIsInvalidArgument() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER)");

            assertThat(kindOf(() -> run(session, "INSERT INTO t VALUES (?)", integer(1), integer(2))))
                    .isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(kindOf(() -> run(session, "INSERT INTO t VALUES (?)", text("abc"))))
                    .isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(kindOf(() -> run(session, "INSERT INTO t VALUES ('abc')"))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(count(session, "t")).isZero();
        }
    }

    @Test
    void parameterTypesAreTheColumnTypesAndUnknownWhereTheEngineCannotTell() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER, name VARCHAR, big BIGINT)");

            assertThat(session.parameterTypes("SELECT * FROM t WHERE name = ?")).containsExactly("VARCHAR");
            assertThat(session.parameterTypes("SELECT * FROM t WHERE big = $1")).containsExactly("BIGINT");
            assertThat(session.parameterTypes("INSERT INTO t VALUES (?, ?, ?)")).containsExactly("INTEGER", "VARCHAR", "BIGINT");
            assertThat(session.parameterTypes("SELECT ?")).containsExactly("UNKNOWN");
            assertThat(kindOf(() -> session.parameterTypes("SELECT * FROM nowhere WHERE id = ?")))
                    .isEqualTo(ErrorKind.NOT_FOUND);
        }
    }

    @Test
    void errorsCarryTheKindACallerActsOn() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER NOT NULL)");

            assertThat(kindOf(() -> run(session, "SELECT * FROM nowhere"))).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(kindOf(() -> run(session, "INSERT INTO nowhere VALUES (1)"))).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(kindOf(() -> run(session, "DROP TABLE nowhere"))).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(kindOf(() -> run(session, "SELEC 1"))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(kindOf(() -> run(session, "CREATE TABLE t (id INTEGER)"))).isEqualTo(ErrorKind.ALREADY_EXISTS);
            assertThat(kindOf(() -> run(session, "INSERT INTO t VALUES (1, 2)"))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(kindOf(() -> run(session, "INSERT INTO t VALUES (NULL)"))).isEqualTo(ErrorKind.FAILED_PRECONDITION);
            assertThat(affected(session, "DROP TABLE IF EXISTS nowhere")).isZero();
        }
    }

    @Test
    void aFailedStatementLeavesNothingBehind() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
            affected(session, "INSERT INTO t VALUES (1)");

            assertThat(kindOf(() -> run(session, "INSERT INTO t VALUES (2), (1)"))).isEqualTo(ErrorKind.FAILED_PRECONDITION);

            assertThat(rows(session, "SELECT * FROM t")).containsExactly(List.of(integer(1)));
        }
    }

    @Test
    void severalSessionsOfOneDatabaseSeeEachOthersCommittedWorkOnly() {
        EngineDatabase database = open("t.db");
        try (EngineSession writer = database.openSession(); EngineSession reader = database.openSession()) {
            affected(writer, "CREATE TABLE t (id INTEGER)");
            affected(writer, "INSERT INTO t VALUES (1)");
            assertThat(count(reader, "t")).isEqualTo(1);

            writer.begin();
            affected(writer, "INSERT INTO t VALUES (2)");
            assertThat(count(writer, "t")).isEqualTo(2);
            assertThat(count(reader, "t")).isEqualTo(1);
            writer.commit();

            assertThat(count(reader, "t")).isEqualTo(2);
        }
    }

    @Test
    void aRollbackDropsTheTransactionsWork() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER)");
            session.begin();
            affected(session, "INSERT INTO t VALUES (1), (2)");
            affected(session, "CREATE TABLE u (id INTEGER)");
            session.rollback();

            assertThat(count(session, "t")).isZero();
            assertThat(kindOf(() -> run(session, "SELECT * FROM u"))).isEqualTo(ErrorKind.NOT_FOUND);
        }
    }

    @Test
    void aSnapshotReopensWithEveryCommittedRowAndNothingRolledBack() {
        EngineDatabase database = open("t.db");
        try (EngineSession session = database.openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER, name VARCHAR)");
            affected(session, "INSERT INTO t VALUES (1, 'kept'), (2, NULL)");
            session.begin();
            affected(session, "INSERT INTO t VALUES (3, 'rolled back')");
            session.rollback();
        }
        database.snapshotTo(directory.resolve("snapshot.db"));
        database.close();
        assertThat(engine().isDatabaseFile(directory.resolve("snapshot.db"))).isTrue();

        EngineDatabase reopened = open("snapshot.db");
        assertThat(reopened.tableCount()).isEqualTo(1);
        try (EngineSession session = reopened.openSession()) {
            assertThat(rows(session, "SELECT * FROM t")).containsExactly(List.of(integer(1), text("kept")),
                    List.of(integer(2), Value.NULL));
        }
    }

    @Test
    void aClosedDatabaseReopensFromItsFileWithItsCommittedRows() {
        EngineDatabase database = open("t.db");
        try (EngineSession session = database.openSession()) {
            affected(session, "CREATE TABLE t (id BIGINT)");
            affected(session, "INSERT INTO t VALUES (42)");
        }
        database.close();

        try (EngineSession session = open("t.db").openSession()) {
            assertThat(rows(session, "SELECT * FROM t")).containsExactly(List.of(integer(42)));
        }
    }

    @Test
    void theChangeMarkerMovesAfterACommittedWriteOnly() {
        EngineDatabase database = open("t.db");
        try (EngineSession session = database.openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER)");
            String created = database.changeMarker();
            affected(session, "INSERT INTO t VALUES (1)");
            String inserted = database.changeMarker();
            assertThat(inserted).isNotEqualTo(created);

            rows(session, "SELECT * FROM t");
            assertThat(database.changeMarker()).isEqualTo(inserted);
            session.begin();
            affected(session, "INSERT INTO t VALUES (2)");
            session.rollback();
            assertThat(database.changeMarker()).isEqualTo(inserted);

            session.begin();
            affected(session, "INSERT INTO t VALUES (3)");
            session.commit();
            assertThat(database.changeMarker()).isNotEqualTo(inserted);
        }
    }

    @Test
    void tableCountCountsBaseTablesOfEverySchemaAndSizeGrowsWithData() {
        EngineDatabase database = open("t.db");
        try (EngineSession session = database.openSession()) {
            affected(session, "CREATE SCHEMA side");
            affected(session, "CREATE TABLE t (id INTEGER, label VARCHAR)");
            affected(session, "CREATE TABLE side.u (id INTEGER)");
            session.catalog(CancellationSignal.none()).createView(QualifiedName.parse("v"),
                    "SELECT * FROM t", false);
            assertThat(database.tableCount()).isEqualTo(2);
            long before = database.sizeBytes();

            StringBuilder insert = new StringBuilder("INSERT INTO t VALUES (0, 'row number 0')");
            for (int i = 1; i < 2000; i++) {
                insert.append(", (").append(i).append(", 'row number ").append(i).append("')");
            }
            assertThat(affected(session, insert.toString())).isEqualTo(2000);

            assertThat(database.sizeBytes()).isGreaterThan(before);
            assertThat(database.memoryBytes()).isNotNegative();
        }
    }

    @Test
    void cancellingARunningStatementEndsItWithCancelledAndTheSessionRunsOn() throws Exception {
        assertThatCancelEndsTheRunningStatement(ErrorKind.CANCELLED);
    }

    @Test
    void aPassedDeadlineEndsARunningStatementWithDeadlineExceeded() throws Exception {
        assertThatCancelEndsTheRunningStatement(ErrorKind.DEADLINE_EXCEEDED);
    }

    private void assertThatCancelEndsTheRunningStatement(ErrorKind why) throws Exception {
        try (EngineSession session = open("t.db").openSession()) {
            CancellationSignal signal = CancellationSignal.none();
            CompletableFuture<Thread> worker = new CompletableFuture<>();
            CompletableFuture<List<Value[]>> call = CompletableFuture.supplyAsync(() -> {
                worker.complete(Thread.currentThread());
                try (RowCursor cursor = session.run(new BoundSql(longRunningQuery(), List.of()), signal).rows().orElseThrow()) {
                    return cursor.next(10).toRows();
                }
            });
            awaitRunning(worker.get(30, TimeUnit.SECONDS));

            signal.cancel(why);

            ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
            assertThat(failure.getCause()).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.kind()).isEqualTo(why));
            assertThat(count(session, "range(3)")).isEqualTo(3);
        }
    }

    @Test
    void cancellingWhileRowsStreamEndsTheCursorWithTheSignalsKind() {
        try (EngineSession session = open("t.db").openSession()) {
            CancellationSignal signal = CancellationSignal.none();
            try (RowCursor cursor = session.run(new BoundSql("SELECT * FROM range(100000)", List.of()), signal)
                    .rows().orElseThrow()) {
                assertThat(cursor.next(10).toRows()).hasSize(10);

                signal.cancel(ErrorKind.CANCELLED);

                assertThat(kindOf(() -> cursor.next(10).toRows())).isEqualTo(ErrorKind.CANCELLED);
            }
        }
    }

    @Test
    void aSignalCancelledBeforeTheCallStopsItBeforeItChangesAnything() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id INTEGER)");
            CancellationSignal signal = CancellationSignal.none();
            signal.cancel(ErrorKind.CANCELLED);

            assertThatThrownBy(() -> session.run(new BoundSql("INSERT INTO t VALUES (1)", List.of()), signal))
                    .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
            assertThat(count(session, "t")).isZero();
        }
    }

    @Test
    void anExportedQueryImportsBackIntoANewTableWithTheSameRows() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id BIGINT, name VARCHAR)");
            affected(session, "INSERT INTO t VALUES (1, 'a'), (2, NULL)");
            Path file = scratchOf("t.db").resolve("out.csv");

            long written = session.exportQuery("SELECT * FROM t", file, FileOptions.forWriting("csv", Map.of()),
                    CancellationSignal.none());
            long imported = session.importFile(new FileImport(file, FileOptions.forReading("csv", Map.of()),
                    QualifiedName.parse("copy"), true, false), CancellationSignal.none());

            assertThat(written).isEqualTo(2);
            assertThat(imported).isEqualTo(2);
            try (RowCursor cursor = run(session, "SELECT * FROM copy").rows().orElseThrow()) {
                assertThat(cursor.columns()).containsExactly(new Column("id", "BIGINT"), new Column("name", "VARCHAR"));
            }
            assertThat(rows(session, "SELECT * FROM copy")).containsExactly(List.of(integer(1), text("a")),
                    List.of(integer(2), Value.NULL));
            assertThat(rows(session, "SELECT count(*) FROM " + session.fileReader(file,
                    FileOptions.forReading("csv", Map.of())))).containsExactly(List.of(integer(2)));
        }
    }

    @Test
    void anImportAppendsOrReplacesAndATableItMayNotCreateIsNotFound() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (id BIGINT, name VARCHAR)");
            affected(session, "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
            Path file = scratchOf("t.db").resolve("out.csv");
            session.exportQuery("SELECT * FROM t", file, FileOptions.forWriting("csv", Map.of()), CancellationSignal.none());
            FileOptions csv = FileOptions.forReading("csv", Map.of());

            session.importFile(new FileImport(file, csv, QualifiedName.parse("t"), false, false), CancellationSignal.none());
            assertThat(count(session, "t")).isEqualTo(4);
            session.importFile(new FileImport(file, csv, QualifiedName.parse("t"), false, true), CancellationSignal.none());
            assertThat(count(session, "t")).isEqualTo(2);
            assertThat(kindOf(() -> session.importFile(new FileImport(file, csv, QualifiedName.parse("nowhere"), false,
                    false), CancellationSignal.none()))).isEqualTo(ErrorKind.NOT_FOUND);
        }
    }

    @Test
    void theVersionNamesTheEngineAndTheSelfTestPasses() {
        assertThat(engine().version()).startsWith("v");
        engine().selfTest();
    }

    private static ColumnDefinition columnOf(String name, String type, boolean nullable, String defaultValue,
            boolean unique, String comment) {
        return new ColumnDefinition(Identifier.of(name), SqlType.of("type", type), nullable,
                Optional.ofNullable(defaultValue).map(d -> SqlExpression.of("default", d)), unique, comment);
    }

    @Test
    void aTableMadeThroughTheCatalogIsTheTableSqlSeesWithItsConstraints() {
        try (EngineSession session = open("t.db").openSession()) {
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());
            TableDefinition orders = new TableDefinition(QualifiedName.parse("Orders"), List.of(
                    columnOf("id", "BIGINT", true, null, false, ""),
                    columnOf("code", "VARCHAR", true, null, true, "the code"),
                    columnOf("region", "VARCHAR", false, "'north'", false, "")),
                    List.of(Identifier.of("id")), "all orders");

            catalog.createTable(orders);

            TableDescription table = catalog.describeTable(QualifiedName.parse("ORDERS")).orElseThrow();
            assertThat(table.name()).isEqualTo("Orders");
            assertThat(table.schemaName()).isEqualTo("main");
            assertThat(table.tableType()).isEqualTo("BASE TABLE");
            assertThat(table.comment()).isEqualTo("all orders");
            assertThat(table.columns()).containsExactly(
                    new ColumnDescription("id", "BIGINT", false, "", true, true, ""),
                    new ColumnDescription("code", "VARCHAR", true, "", false, true, "the code"),
                    new ColumnDescription("region", "VARCHAR", false, "'north'", false, false, ""));
            assertThat(affected(session, "INSERT INTO orders VALUES (1, 'x', 'south')")).isEqualTo(1);
            assertThat(kindOf(() -> run(session, "INSERT INTO orders VALUES (1, 'y', 'south')")))
                    .isEqualTo(ErrorKind.FAILED_PRECONDITION);
            assertThat(catalog.describeTable(QualifiedName.parse("orders")).orElseThrow().rowCount()).isEqualTo(1);
            assertThat(kindOf(() -> catalog.createTable(orders))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        }
    }

    @Test
    void aColumnTypeTheEngineDoesNotKnowIsInvalidArgumentAndCreatesNothing() {
        try (EngineSession session = open("t.db").openSession()) {
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());
            TableDefinition definition = new TableDefinition(QualifiedName.parse("victim"),
                    List.of(columnOf("a", "no_such_type", true, null, false, "")), List.of(), "");

            assertThat(kindOf(() -> catalog.createTable(definition))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(catalog.tableExists(QualifiedName.parse("victim"))).isFalse();
        }
    }

    @Test
    void aTableMadeInSqlIsDescribedWithExactCountsAndStatistics() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE facts (n INTEGER, label VARCHAR)");
            affected(session, "INSERT INTO facts VALUES (5, 'b'), (1, 'a'), (5, NULL)");
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());

            TableDescription facts = catalog.describeTable(QualifiedName.parse("facts")).orElseThrow();
            TableStatistics statistics = catalog.tableStatistics(QualifiedName.parse("Facts"), true).orElseThrow();

            assertThat(facts.columns()).extracting(ColumnDescription::name, ColumnDescription::dataType)
                    .containsExactly(tuple("n", "INTEGER"), tuple("label", "VARCHAR"));
            assertThat(facts.rowCount()).isEqualTo(3);
            assertThat(statistics.rowCount()).isEqualTo(3);
            assertThat(statistics.columns()).containsExactly(
                    new ColumnStatistics("n", 2, integer(1), integer(5), 0),
                    new ColumnStatistics("label", 2, text("a"), text("b"), 1));
            assertThat(catalog.tableStatistics(QualifiedName.parse("facts"), false).orElseThrow().columns()).isEmpty();
            assertThat(catalog.tableStatistics(QualifiedName.parse("nowhere"), true)).isEmpty();
            assertThat(catalog.describeTable(QualifiedName.parse("nowhere"))).isEmpty();
        }
    }

    @Test
    void tablesAreListedBySchemaThenNameWithoutViewsAndFilteredCaseInsensitively() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE SCHEMA side");
            affected(session, "CREATE TABLE beta (x INTEGER)");
            affected(session, "CREATE TABLE alpha (x INTEGER)");
            affected(session, "CREATE TABLE side.gamma (x INTEGER)");
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());
            catalog.createView(QualifiedName.parse("view_of_alpha"), "SELECT * FROM alpha", false);

            assertThat(catalog.listTables(Optional.empty(), "")).extracting(t -> t.schemaName() + "." + t.name())
                    .containsExactly("main.alpha", "main.beta", "side.gamma");
            assertThat(catalog.listTables(Optional.of("side"), "")).extracting(TableDescription::name)
                    .containsExactly("gamma");
            assertThat(catalog.listTables(Optional.empty(), "ETA")).extracting(TableDescription::name)
                    .containsExactly("beta");
            assertThat(catalog.tableExists(QualifiedName.parse("side.GAMMA"))).isTrue();
        }
    }

    @Test
    void droppingAMissingTableIsNotFoundUnlessIfExistsIsSaid() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (x INTEGER)");
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());

            catalog.dropTable(QualifiedName.parse("T"), false, false);

            assertThat(catalog.tableExists(QualifiedName.parse("t"))).isFalse();
            assertThat(kindOf(() -> catalog.dropTable(QualifiedName.parse("t"), false, false))).isEqualTo(ErrorKind.NOT_FOUND);
            catalog.dropTable(QualifiedName.parse("t"), true, false);
        }
    }

    @Test
    void viewsAreListedApartFromTablesReadLikeTablesAndDropped() {
        try (EngineSession session = open("t.db").openSession()) {
            affected(session, "CREATE TABLE t (x INTEGER)");
            affected(session, "INSERT INTO t VALUES (7)");
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());

            catalog.createView(QualifiedName.parse("v"), "SELECT * FROM t", false);

            assertThat(catalog.listViews()).containsExactly("v");
            assertThat(catalog.viewExists(QualifiedName.parse("V"))).isTrue();
            assertThat(catalog.tableExists(QualifiedName.parse("v"))).isFalse();
            assertThat(rows(session, "SELECT * FROM v")).containsExactly(List.of(integer(7)));
            assertThat(kindOf(() -> catalog.createView(QualifiedName.parse("v"), "SELECT * FROM t", false)))
                    .isEqualTo(ErrorKind.ALREADY_EXISTS);
            assertThat(kindOf(() -> catalog.createView(QualifiedName.parse("t"), "SELECT * FROM t", false)))
                    .isEqualTo(ErrorKind.ALREADY_EXISTS);
            catalog.createView(QualifiedName.parse("v"), "SELECT count(*) FROM t", true);
            assertThat(rows(session, "SELECT * FROM v")).containsExactly(List.of(integer(1)));
            catalog.dropView(QualifiedName.parse("v"));
            assertThat(catalog.listViews()).isEmpty();
            assertThat(kindOf(() -> catalog.dropView(QualifiedName.parse("v")))).isEqualTo(ErrorKind.NOT_FOUND);
        }
    }

    @Test
    void aMacroIsReplacedByOneOfTheSameNameAndABadReturnTypeIsInvalidArgument() {
        try (EngineSession session = open("t.db").openSession()) {
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());
            MacroDefinition first = new MacroDefinition(Identifier.of("add_one"), List.of(Identifier.of("x")),
                    SqlExpression.of("body", "x + 1"), Optional.empty(), false);

            catalog.createMacro(first);
            catalog.createMacro(first);

            assertThat(kindOf(() -> catalog.createMacro(new MacroDefinition(Identifier.of("f"), List.of(),
                    SqlExpression.of("body", "1"), Optional.of(SqlType.of("type", "no_such_type")), false))))
                    .isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
    }

    @Test
    void bundledExtensionsAreInstalledAndLoadedAndOthersDoNotLoad() {
        try (EngineSession session = open("t.db").openSession()) {
            SchemaCatalog catalog = session.catalog(CancellationSignal.none());

            List<EngineExtension> extensions = catalog.extensions();

            for (String bundled : List.of("core_functions", "icu", "json", "parquet")) {
                assertThat(extensions).filteredOn(e -> e.name().equals(bundled)).singleElement()
                        .satisfies(e -> assertThat(e.installed() && e.loaded()).as(bundled).isTrue());
            }
            assertThat(extensions).filteredOn(e -> e.name().equals("spatial")).singleElement()
                    .satisfies(e -> assertThat(e.installed()).isFalse());
            assertThat(extensions).extracting(EngineExtension::name).isSorted();
            catalog.loadExtension(ExtensionName.of("json"));
            assertThat(kindOf(() -> catalog.loadExtension(ExtensionName.of("spatial")))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
    }
}
