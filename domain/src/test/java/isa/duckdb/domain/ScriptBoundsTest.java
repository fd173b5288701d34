package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptBoundsTest {

    @Test
    void aScriptOfAsManyStatementsAsAllowedPassesAndOneMoreIsRefusedNamingTheLimit() {
        String allowed = "SELECT 1;".repeat(ScriptBounds.MAX_STATEMENTS);

        assertThatCode(() -> ScriptBounds.checkText(allowed)).doesNotThrowAnyException();
        assertThatCode(() -> ScriptBounds.check(SqlScript.parse(allowed))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ScriptBounds.checkText(allowed + "SELECT 2;"))
                .hasMessageStartingWith("RESOURCE_EXHAUSTED: ").hasMessageContaining("10000 statements");
    }

    @Test
    void textLongerThanTheLimitIsRefusedBeforeParsing() {
        String huge = "SELECT 1 /*" + "x".repeat(ScriptBounds.MAX_SQL_CHARS) + "*/";

        assertThatThrownBy(() -> ScriptBounds.checkText(huge))
                .isInstanceOfSatisfying(ServiceException.class, e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                        .isEqualTo(ErrorKind.RESOURCE_EXHAUSTED))
                .hasMessageContaining("more than the 4194304");
    }

    @Test
    void statementsBeyondTheLimitWithoutSemicolonsOfTheirOwnAreCountedAfterParsing() {
        SqlScript script = SqlScript.parse("SELECT 1;".repeat(ScriptBounds.MAX_STATEMENTS) + "SELECT 2");

        assertThatThrownBy(() -> ScriptBounds.check(script)).hasMessageStartingWith("RESOURCE_EXHAUSTED: the SQL text"
                + " holds 10001 statements");
    }
}
