package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlScriptTest {

    private static List<String> statementTexts(String sql) {
        SqlScript script = SqlScript.parse(sql);
        return script.statements().stream()
                .map(tokens -> sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end()).strip())
                .toList();
    }

    @Test
    void splitsAtTopLevelSemicolons() {
        SqlScript script = SqlScript.parse("SELECT 1; SELECT 2;SELECT 3");

        assertThat(script.statementCount()).isEqualTo(3);
        assertThat(script.isEmpty()).isFalse();
        assertThat(statementTexts("SELECT 1; SELECT 2;SELECT 3")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void emptyStatementsAreLeftOut() {
        assertThat(SqlScript.parse(";;SELECT 1;; ;\n;").statementCount()).isEqualTo(1);
        assertThat(SqlScript.parse("SELECT 1; -- trailing comment\n").statementCount()).isEqualTo(1);
        assertThat(SqlScript.parse("SELECT 1; /* only a comment */ ;").statementCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";", " ; ;\n", "-- nothing\n", "/* a */ -- b", "/* a; /* b; */ c; */"})
    void scriptWithoutStatementsIsEmpty(String sql) {
        SqlScript script = SqlScript.parse(sql);

        assertThat(script.isEmpty()).isTrue();
        assertThat(script.statementCount()).isZero();
        assertThat(script.firstKeyword()).isEmpty();
        assertThat(script.leadingKeywords(3)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 'a;b'",
        "SELECT 'it''s; here'",
        "SELECT \"col;umn\" FROM t",
        "SELECT $$ a; b $$",
        "SELECT $fn$ a; $x$; b $fn$",
        "SELECT E'\\'; SELECT 2'",
        "SELECT e'\\\\'",
        "SELECT 1 -- ; SELECT 2",
        "SELECT 1 /* ; SELECT 2 */",
        "SELECT 1 /* outer /* inner; */ still comment; */",
        "SELECT 1 AS a$b$, 2 AS c$b$",
        "CREATE MACRO m(x) AS x + 1",
    })
    void semicolonsInsideStringsCommentsAndIdentifiersDoNotSplit(String sql) {
        assertThat(SqlScript.parse(sql).statementCount()).isEqualTo(1);
    }

    @Test
    void escapeStringEndsWhereDuckDbEndsIt() {
        assertThat(statementTexts("SELECT E'a\\'b'; SELECT 'c\\'; SELECT 3"))
                .containsExactly("SELECT E'a\\'b'", "SELECT 'c\\'", "SELECT 3");
    }

    @Test
    void dollarsInIdentifiersDoNotHideTheNextStatement() {
        assertThat(statementTexts("SELECT 1 AS a$b$; LOAD x; SELECT 1 AS c$b$"))
                .containsExactly("SELECT 1 AS a$b$", "LOAD x", "SELECT 1 AS c$b$");
    }

    @Test
    void lineCommentEndingInCarriageReturnDoesNotHideTheNextStatement() {
        assertThat(SqlScript.parse("SELECT 1 --x\r; SELECT 2").statementCount()).isEqualTo(2);
    }

    @Test
    void semicolonAfterAnUnterminatedCommentOrStringIsNotASeparator() {
        assertThat(SqlScript.parse("SELECT 1 /* open; SELECT 2").statementCount()).isEqualTo(1);
        assertThat(SqlScript.parse("SELECT 'open; SELECT 2").statementCount()).isEqualTo(1);
    }

    @Test
    void statementsLeaveSeparatorsOutAndKeepCommentsAndWhitespace() {
        SqlScript script = SqlScript.parse("/* c */ SELECT 1 ; SELECT 2");

        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements()).allSatisfy(tokens ->
                assertThat(tokens).noneMatch(t -> t.kind() == SqlToken.Kind.SEMICOLON));
        assertThat(script.statements().get(0)).anyMatch(t -> t.kind() == SqlToken.Kind.COMMENT);
        assertThat(script.sql()).isEqualTo("/* c */ SELECT 1 ; SELECT 2");
    }

    @Test
    void leadingKeywordsAreUpperCasedAndSkipCommentsAndParentheses() {
        SqlScript script = SqlScript.parse("/* c */ select a from t; -- x\n((from t select b)); with q as (select 1) select 2");

        assertThat(script.leadingKeywords(2)).containsExactly(
                List.of("SELECT", "A"), List.of("FROM", "T"), List.of("WITH", "Q"));
    }

    @Test
    void leadingKeywordsStopAtTheFirstOtherToken() {
        assertThat(SqlScript.parse("PRAGMA table_info('t')").leadingKeywords(5))
                .containsExactly(List.of("PRAGMA", "TABLE_INFO"));
        assertThat(SqlScript.parse("SELECT 'ATTACH' AS x").leadingKeywords(5)).containsExactly(List.of("SELECT"));
        assertThat(SqlScript.parse("SELECT a, b").leadingKeywords(5)).containsExactly(List.of("SELECT", "A"));
    }

    @Test
    void firstKeywordIsTheFirstWordOfTheFirstStatement() {
        assertThat(SqlScript.parse("  -- hi\n explain select 1; load x").firstKeyword()).isEqualTo("EXPLAIN");
        assertThat(SqlScript.parse("'just a string'").firstKeyword()).isEmpty();
    }

    @Test
    void statementsCannotBeModified() {
        SqlScript script = SqlScript.parse("SELECT 1; SELECT 2");

        assertThat(script.statements()).isUnmodifiable();
        assertThat(script.statements().get(0)).isUnmodifiable();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"INSERT INTO t VALUES (1) RETURNING *",
        "update t set a = 1 returning a", "DELETE FROM t RETURNING id", "SELECT 1; DELETE FROM t RETURNING id",
        "WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x RETURNING a",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING *"})
    void aLastStatementThatInsertsUpdatesDeletesOrMergesChangesRows(String sql) {
        assertThat(SqlScript.parse(sql).lastChangesRows()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"SELECT 1", "INSERT INTO t VALUES (1); SELECT * FROM t",
        "WITH x AS (DELETE FROM t RETURNING id) SELECT * FROM x", "SELECT 'INSERT'", "", "CREATE TABLE t AS SELECT 1"})
    void queriesAndOtherStatementsDoNotChangeRows(String sql) {
        assertThat(SqlScript.parse(sql).lastChangesRows()).isFalse();
    }
}
