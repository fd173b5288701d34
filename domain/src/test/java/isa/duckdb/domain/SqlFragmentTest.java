package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlFragmentTest {

    @ParameterizedTest
    @ValueSource(strings = {"INTEGER", "DECIMAL(18,3)", "VARCHAR[]", "INTEGER[3]", "STRUCT(a INTEGER, \"b c\" VARCHAR)",
        "MAP(VARCHAR, INTEGER[])", "TIMESTAMP WITH TIME ZONE", "ENUM('a', 'it''s')", " double precision "})
    void typesInOnePieceAreAccepted(String type) {
        assertThat(SqlType.of("data_type", type).text()).isEqualTo(type.strip());
        assertThat(SqlType.of("data_type", type)).hasToString(type.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INTEGER); DROP TABLE x; --", "INTEGER; DROP TABLE x", "INTEGER -- c", "INTEGER /* c */",
        "INTEGER) AS x, (SELECT 1", "DECIMAL(18,3", "INTEGER]", "STRUCT(a INTEGER]", "ENUM('a)", "\"unclosed",
        "ENUM(E'a\\')", "$$open", "INTEGER[$1]", "?", "", "   "})
    void typesThatCouldBreakOutAreRefused(String type) {
        assertThatThrownBy(() -> SqlType.of("data_type of column 'c'", type))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("data_type of column 'c'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "'x'", "'a;b -- not a comment'", "now()", "(1 + 2) * 3", "[1, 2]", "$$dollar ; text$$",
        "E'it\\'s'", "{'k': 1}", "nextval('seq')", "''",
        "$$$$", "$t$$t$", "E'a\\\\'"})
    void expressionsInOnePieceAreAccepted(String expression) {
        assertThat(SqlExpression.of("default_value", expression).text()).isEqualTo(expression);
        assertThat(SqlExpression.of("default_value", expression)).hasToString(expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1); DROP TABLE t; --", "1; DROP TABLE t", "1 -- rest", "1)", "(1", "'open", "$tag$open$t$",
        "$1", "a /* */ b", "E'a\\'", "$t$", "$$", "'a''"})
    void expressionsThatCouldBreakOutAreRefused(String expression) {
        assertThatThrownBy(() -> SqlExpression.of("default_value", expression))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void aFragmentIsAtMost64KiCharactersWithoutNul() {
        String longest = "'" + "x".repeat(64 * 1024 - 2) + "'";
        assertThat(SqlExpression.of("default_value", longest).text()).isEqualTo(longest);

        assertThatThrownBy(() -> SqlExpression.of("default_value", longest + " "))
                .hasMessageContaining("default_value is longer than 65536 characters");
        assertThatThrownBy(() -> SqlExpression.of("default_value", "\0")).hasMessageContaining("contains a NUL character");
        assertThatThrownBy(() -> SqlExpression.of("default_value", "1\0")).hasMessageContaining("contains a NUL character");
    }

    @Test
    void aStringLiteralCannotCarryANul() {
        assertThatThrownBy(() -> SqlLiteral.string("\0")).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "'; DROP TABLE t; --", "back\\slash"})
    void stringLiteralsKeepTheirTextInside(String text) {
        String literal = SqlLiteral.string(text);
        assertThat(literal).startsWith("'").endsWith("'");
        assertThat(literal.substring(1, literal.length() - 1).replace("''", "'")).isEqualTo(text);
        assertThat(SqlLexer.tokenize(literal)).hasSize(1);
    }
}
