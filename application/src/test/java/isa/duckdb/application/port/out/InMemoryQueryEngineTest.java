package isa.duckdb.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryQueryEngineTest extends QueryEngineContract {
    private static final String LONG_RUNNING = "SELECT count(*) FROM range(1000000000) a CROSS JOIN range(1000000000) b";

    private InMemoryQueryEngine engine;

    @BeforeEach
    void createEngine() {
        engine = new InMemoryQueryEngine();
        engine.script(LONG_RUNNING, ScriptedAnswer.blockUntilCancelled());
    }

    @Override
    protected QueryEngine engine() {
        return engine;
    }

    @Override
    protected String longRunningQuery() {
        return LONG_RUNNING;
    }

    @Override
    protected void awaitRunning(Thread worker) {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(LONG_RUNNING));
    }

    @Test
    void aScriptedStatementAnswersWithItsRowsItsCountOrItsError() {
        engine.script("SELECT 42 AS answer", ScriptedAnswer.rows(List.of(new Column("answer", "INTEGER")),
                List.<Value[]>of(new Value[] {new Value.Int(42)})));
        engine.script("UPDATE t SET x = 1", ScriptedAnswer.affected(3));
        engine.script("SELECT * FROM locked", ScriptedAnswer.error(new ServiceException(ErrorKind.ABORTED, "conflict")));

        try (EngineSession session = open("t.db").openSession()) {
            assertThat(rows(session, " SELECT 42 AS answer ")).containsExactly(List.of(new Value.Int(42)));
            assertThat(affected(session, "UPDATE t SET x = 1")).isEqualTo(3);
            assertThat(kindOf(() -> run(session, "SELECT * FROM locked"))).isEqualTo(ErrorKind.ABORTED);
            assertThat(kindOf(() -> run(session, "SELECT 43"))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
    }

    @Test
    void failuresToldInAdvanceHappenOnceEach() {
        engine.failNextOpen(new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "disk full"));
        assertThat(kindOf(() -> open("t.db"))).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
        EngineDatabase database = open("t.db");
        engine.failNextSnapshot(new ServiceException(ErrorKind.UNAVAILABLE, "busy"));

        assertThat(kindOf(() -> database.snapshotTo(directory.resolve("copy.db")))).isEqualTo(ErrorKind.UNAVAILABLE);
        database.snapshotTo(directory.resolve("copy.db"));
        assertThat(engine.isDatabaseFile(directory.resolve("copy.db"))).isTrue();

        engine.failSelfTest(new ServiceException(ErrorKind.INTERNAL, "broken"));
        assertThat(kindOf(engine::selfTest)).isEqualTo(ErrorKind.INTERNAL);
    }

    @Test
    void theEngineRemembersWhatRanWhereAndWhichDatabasesAreOpen() {
        EngineDatabase first = open("first.db");
        EngineDatabase second = open("second.db");
        try (EngineSession session = first.openSession()) {
            run(session, "CREATE TABLE t (x INTEGER)");
            assertThat(engine.database(directory.resolve("first.db")).orElseThrow().openSessions()).isEqualTo(1);
        }
        second.close();

        assertThat(engine.executed()).containsExactly("CREATE TABLE t (x INTEGER)");
        assertThat(engine.database(directory.resolve("first.db")).orElseThrow().executed())
                .containsExactly("CREATE TABLE t (x INTEGER)");
        assertThat(engine.openDatabases()).containsExactly(directory.resolve("first.db").toAbsolutePath().normalize());
        assertThat(engine.databases()).extracting(d -> d.limits().threads()).containsExactly(1, 1);
        assertThatThrownBy(second::openSession).isInstanceOf(IllegalStateException.class);
        first.close();
        assertThat(engine.openDatabases()).isEmpty();
    }

    @Test
    void filesOutsideTheScratchFolderAreRefusedLikeDuckDbsSandboxRefusesThem() {
        try (EngineSession session = open("t.db").openSession()) {
            run(session, "CREATE TABLE t (x INTEGER)");

            assertThat(kindOf(() -> session.exportQuery("SELECT * FROM t", directory.resolve("outside.csv"),
                    FileOptions.forWriting("csv", Map.of()), CancellationSignal.none()))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(kindOf(() -> session.run(new BoundSql("SELECT * FROM read_csv('/etc/passwd')", List.of()),
                    CancellationSignal.none()))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
    }
}
