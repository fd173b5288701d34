package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service writes {@code COPY (<query>) TO ...}: a query that could close that parenthesis or
 * end the statement would let a caller append clauses of its own.
 */
class EmbeddedQueryTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM events",
        "SELECT (1 + (2 * 3)) AS x",
        "SELECT count(*) FROM (SELECT 1) t WHERE a IN (1, 2)",
        "SELECT ')' AS a, \")\" FROM t",
        "SELECT '(' , $$)$$",
        "SELECT 1 /* ) */",
        "SELECT 1 -- )",
        "WITH a AS (SELECT 1) SELECT * FROM a",
        "  select 1  "})
    void oneStatementWithBalancedParenthesesIsReturnedUnchanged(String sql) {
        assertThat(EmbeddedQuery.check(sql)).isEqualTo(sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT 1) TO 'stolen.csv' (FORMAT csv|closes a parenthesis it did not open",
        "SELECT 1)|closes a parenthesis it did not open",
        "SELECT (1)) UNION ALL (SELECT 2|closes a parenthesis it did not open",
        "SELECT ) (|closes a parenthesis it did not open",
        "SELECT (1|leaves a parenthesis open",
        "SELECT ((1)|leaves a parenthesis open"})
    void parenthesesMustCloseInsideTheQuery(String sql, String reason) {
        assertThatThrownBy(() -> EmbeddedQuery.check(sql))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1; SELECT 2", "SELECT 1; DROP TABLE t", "", "   ", "-- only a comment", ";"})
    void anythingButOneStatementIsRefused(String sql) {
        assertThatThrownBy(() -> EmbeddedQuery.check(sql))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("the query must be exactly one statement");
    }

    @Test
    void aMissingQueryIsRefused() {
        assertThatThrownBy(() -> EmbeddedQuery.check(null))
                .hasMessage("INVALID_ARGUMENT: the query must be exactly one statement");
    }

    @Test
    void aTrailingSemicolonIsRefusedAsItWouldEndTheServicesStatement() {
        assertThatThrownBy(() -> EmbeddedQuery.check("SELECT 1;"))
                .hasMessageContaining("without ';'");
    }

    @Test
    void statementsThePolicyRefusesAreRefusedHereToo() {
        assertThatThrownBy(() -> EmbeddedQuery.check("ATTACH 'x.db' AS x"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("ATTACH statements are not allowed");
    }
}
