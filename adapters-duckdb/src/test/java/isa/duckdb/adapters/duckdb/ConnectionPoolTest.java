package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions of one database reuse connections, and a call never finds what an earlier call left on its connection:
 * temporary objects, prepared statements, variables, the current schema, an open transaction, a random seed.
 */
class ConnectionPoolTest {
    @TempDir
    Path folder;

    /**
     * Runs the SQL in a session of its own and gives back the first value of its last result (null without rows).
     * It runs beneath the tenant SQL policy (which refuses {@code SET VARIABLE} already): the pool must hold anyway.
     */
    private static Value inSession(DuckDbTestDatabase db, String... statements) {
        try (EngineSession session = db.database.openSession()) {
            Value last = null;
            for (String sql : statements) {
                var outcome = ((DuckDbSession) session).runTrusted(new BoundSql(sql, List.of()), CancellationSignal.none());
                if (outcome.rows().isPresent()) {
                    try (RowCursor cursor = outcome.rows().get()) {
                        List<Value[]> rows = cursor.next(10).toRows();
                        last = rows.isEmpty() ? null : rows.get(0)[0];
                    }
                }
            }
            return last;
        }
    }

    private static ServiceException failureInSession(DuckDbTestDatabase db, String sql) {
        try {
            inSession(db, sql);
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("expected a failure from: " + sql);
    }

    @Test
    void aSessionThatOnlyQueriedLeavesItsConnectionToTheNextSession() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            Value first = inSession(db, "SELECT current_connection_id()");
            Value second = inSession(db, "SELECT current_connection_id()");

            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void aTemporaryTableDoesNotOutliveItsSession() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            inSession(db, "CREATE TEMP TABLE scratch AS SELECT 42 AS x", "SELECT x FROM scratch");

            assertThat(failureInSession(db, "SELECT x FROM scratch").kind()).isEqualTo(ErrorKind.NOT_FOUND);
        }
    }

    @Test
    void aTemporaryMacroViewAndSequenceDoNotOutliveTheirSession() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            inSession(db, "CREATE TEMP MACRO twice(x) AS x * 2", "CREATE TEMP VIEW v AS SELECT 1 AS one",
                    "CREATE TEMP SEQUENCE s");

            assertThat(failureInSession(db, "SELECT twice(2)")).isInstanceOf(ServiceException.class);
            assertThat(failureInSession(db, "SELECT * FROM v").kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(failureInSession(db, "SELECT nextval('s')")).isInstanceOf(ServiceException.class);
        }
    }

    @Test
    void aVariableAndAPreparedStatementDoNotOutliveTheirSession() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            inSession(db, "SET VARIABLE secret = 'lena'", "PREPARE peek AS SELECT 7");

            assertThat(inSession(db, "SELECT getvariable('secret')")).isEqualTo(new Value.Null());
            assertThat(failureInSession(db, "EXECUTE peek")).isInstanceOf(ServiceException.class);
        }
    }

    @Test
    void anUnfinishedTransactionIsDroppedWithItsSession() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("CREATE TABLE t(x INTEGER)");
            inSession(db, "BEGIN TRANSACTION", "INSERT INTO t VALUES (1)");

            assertThat(inSession(db, "SELECT count(*) FROM t")).isEqualTo(new Value.Int(0));
        }
    }

    @Test
    void aSeededRandomSequenceDoesNotReachTheNextSession() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            Value seeded = inSession(db, "SELECT setseed(0.5)", "SELECT random()");
            Value seededAgain = inSession(db, "SELECT setseed(0.5)", "SELECT random()");
            assertThat(seededAgain).isEqualTo(seeded);

            assertThat(inSession(db, "SELECT random()")).isNotEqualTo(seeded);
        }
    }

    @Test
    void aSessionWhoseResultIsStillOpenDoesNotGiveItsConnectionAway() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            EngineSession session = db.database.openSession();
            Value own;
            try (RowCursor id = session.run(new BoundSql("SELECT current_connection_id()", List.of()),
                    CancellationSignal.none()).rows().orElseThrow()) {
                own = id.next(1).toRows().get(0)[0];
            }
            RowCursor open = session.run(new BoundSql("SELECT range FROM range(100000)", List.of()),
                    CancellationSignal.none()).rows().orElseThrow();
            try (open) {
                open.next(10);
                session.close();

                assertThat(inSession(db, "SELECT current_connection_id()")).isNotEqualTo(own);
                assertThat(open.next(10).rowCount()).isEqualTo(10);
            }
        }
    }

    @Test
    void onlyStatementsThatReadOrChangeRowsCountAsLeavingNoState() {
        assertThat(ConnectionPool.leavesNoState("SELECT 1; WITH a AS (SELECT 1) SELECT * FROM a")).isTrue();
        assertThat(ConnectionPool.leavesNoState("INSERT INTO t VALUES (1); UPDATE t SET x = 2; FROM t")).isTrue();
        assertThat(ConnectionPool.leavesNoState("/* c */ (SELECT 1)")).isTrue();
        assertThat(ConnectionPool.leavesNoState("SELECT 1; CREATE TEMP TABLE x(a INT)")).isFalse();
        assertThat(ConnectionPool.leavesNoState("USE other")).isFalse();
        assertThat(ConnectionPool.leavesNoState("SET VARIABLE v = 1")).isFalse();
        assertThat(ConnectionPool.leavesNoState("select SetSeed(0.1)")).isFalse();
        assertThat(ConnectionPool.leavesNoState("SELECT * FROM enable_profiling()")).isFalse();
        assertThat(ConnectionPool.leavesNoState("")).isTrue();
    }
}
