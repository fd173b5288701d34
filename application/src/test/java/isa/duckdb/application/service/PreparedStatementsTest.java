package isa.duckdb.application.service;

import isa.duckdb.application.testing.ManualClock;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Prepared statements: remembered per database, forgotten after an idle hour or when too many are held. */
class PreparedStatementsTest {
    private static final String SALES = "user-lena-duckdb/5f0c1a52-8a4e-4b8e-9d59-5e1c4f3f2b10";
    private static final String OTHER = "user-mia-duckdb/0b6f4c11-1111-4b8e-9d59-5e1c4f3f2b10";

    private final ManualClock clock = new ManualClock(ServicesFixture.START);
    private final PreparedStatements statements = new PreparedStatements(clock);

    @Test
    void aRememberedStatementIsFoundByItsId() {
        String first = statements.remember(SALES, "SELECT * FROM t WHERE id = ?");
        String second = statements.remember(SALES, "SELECT 1");

        assertThat(first).matches("[0-9a-f-]{36}").isNotEqualTo(second);
        assertThat(statements.sqlOf(SALES, first)).isEqualTo("SELECT * FROM t WHERE id = ?");
        assertThat(statements.sqlOf(SALES, second)).isEqualTo("SELECT 1");
    }

    @Test
    void anUnknownIdIsNotFoundAndSaysToPrepareAgain() {
        String message = failureOf(() -> statements.sqlOf(SALES, "no-such-id"), ErrorKind.NOT_FOUND).getMessage();

        assertThat(message).contains("'no-such-id'", "prepare it again");
    }

    @Test
    void aStatementOfAnotherDatabaseIsNotFound() {
        String id = statements.remember(SALES, "SELECT 1");

        failureOf(() -> statements.sqlOf(OTHER, id), ErrorKind.NOT_FOUND);
    }

    @Test
    void aStatementUnusedForAnHourIsForgotten() {
        String id = statements.remember(SALES, "SELECT 1");

        clock.advance(Duration.ofMinutes(61));

        failureOf(() -> statements.sqlOf(SALES, id), ErrorKind.NOT_FOUND);
    }

    @Test
    void eachUseKeepsAStatementAnotherHour() {
        String id = statements.remember(SALES, "SELECT 1");

        clock.advance(Duration.ofMinutes(50));
        statements.sqlOf(SALES, id);
        clock.advance(Duration.ofMinutes(50));
        statements.remember(SALES, "SELECT 2");

        assertThat(statements.sqlOf(SALES, id)).isEqualTo("SELECT 1");
    }

    @Test
    void whenTooManyAreHeldTheLeastRecentlyUsedMakesRoom() {
        String kept = statements.remember(SALES, "SELECT 'kept'");
        clock.advance(Duration.ofMillis(1));
        String oldestUnused = statements.remember(SALES, "SELECT 'dropped'");
        for (int i = 2; i < PreparedStatements.MAX_STATEMENTS; i++) {
            clock.advance(Duration.ofMillis(1));
            statements.remember(SALES, "SELECT " + i);
        }
        clock.advance(Duration.ofMillis(1));
        statements.sqlOf(SALES, kept);

        String newest = statements.remember(SALES, "SELECT 'newest'");

        failureOf(() -> statements.sqlOf(SALES, oldestUnused), ErrorKind.NOT_FOUND);
        assertThat(statements.sqlOf(SALES, kept)).isEqualTo("SELECT 'kept'");
        assertThat(statements.sqlOf(SALES, newest)).isEqualTo("SELECT 'newest'");
    }
}
