package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views, macros and defaults stored before the policy existed (or restored) cannot be used to get around it. */
class StoredSqlTest {
    @TempDir
    Path folder;

    /** What a database made before the policy may hold: stored SQL that the policy refuses today. */
    private void plantHostileObjects() {
        try (DuckDbTestDatabase old = new DuckDbTestDatabase(folder)) {
            DuckDbSession session = (DuckDbSession) old.session;
            for (String sql : List.of("CREATE TABLE t (x INTEGER, leak VARCHAR DEFAULT current_setting('temp_directory'))",
                    "CREATE VIEW paths AS SELECT file FROM pragma_database_list",
                    "CREATE MACRO run_sql(s) AS TABLE SELECT * FROM query(s)",
                    "CREATE VIEW over_paths AS SELECT * FROM paths",
                    "CREATE VIEW fine AS SELECT 1 AS one")) {
                session.runTrusted(new BoundSql(sql, List.of()), CancellationSignal.none());
            }
        }
    }

    @Test
    void objectsWhoseStoredSqlIsRefusedCannotBeNamedAfterTheDatabaseOpens() {
        plantHostileObjects();

        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            for (String sql : List.of("SELECT * FROM paths", "SELECT * FROM over_paths", "SELECT * FROM \"PATHS\"", "SELECT * FROM main.paths",
                    "SELECT * FROM run_sql('SELECT 1')", "INSERT INTO t (x) VALUES (1)",
                    "SELECT * FROM (SELECT 1) WHERE EXISTS (SELECT * FROM paths)")) {
                var failure = db.failure(sql);
                assertThat(failure.kind()).as(sql).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                assertThat(failure.getMessage()).as(sql).contains("is not allowed: it was stored with SQL")
                        .doesNotContain(folder.toString());
            }
            assertThat(db.value("SELECT one FROM fine")).isEqualTo(new Value.Int(1));
            var catalog = db.session.catalog(CancellationSignal.none());
            var throughCatalog = org.assertj.core.api.Assertions.catchThrowableOfType(() -> catalog.createView(
                    isa.duckdb.domain.QualifiedName.parse("again"), "SELECT * FROM paths", false),
                    isa.duckdb.domain.ServiceException.class);
            assertThat(throughCatalog.getMessage()).contains("is not allowed: it was stored with SQL");
        }
    }

    @Test
    void aRefusedObjectCanBeDroppedAndMadeAgainWithAllowedSql() {
        plantHostileObjects();

        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("DROP VIEW paths");
            db.run("CREATE VIEW paths AS SELECT 'nothing' AS file");

            assertThat(db.value("SELECT file FROM paths")).isEqualTo(new Value.Text("nothing"));
            assertThat(db.failure("SELECT * FROM run_sql('SELECT 1')").kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
    }
}
