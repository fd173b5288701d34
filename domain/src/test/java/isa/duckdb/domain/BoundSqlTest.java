package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundSqlTest {
    private static final Value ONE = Value.of(1);
    private static final Value TWO = Value.of(2);
    private static final Value TEXT = Value.of("x");

    private static void assertInvalid(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void withoutParametersTheSqlIsUntouched() {
        BoundSql bound = BoundSql.of("SELECT $a, ?, $1", Map.of());

        assertThat(bound.sql()).isEqualTo("SELECT $a, ?, $1");
        assertThat(bound.values()).isEmpty();
    }

    @Test
    void positionalParametersBindInNumericOrderAndLeaveTheSqlAlone() {
        Map<String, Value> parameters = new LinkedHashMap<>();
        parameters.put("2", TWO);
        parameters.put("1", ONE);

        BoundSql bound = BoundSql.of("SELECT ? + $2", parameters);

        assertThat(bound.sql()).isEqualTo("SELECT ? + $2");
        assertThat(bound.values()).containsExactly(ONE, TWO);
    }

    @Test
    void positionalOrderIsNumericNotTextual() {
        Map<String, Value> parameters = new HashMap<>();
        for (int i = 1; i <= 12; i++) {
            parameters.put(Integer.toString(i), Value.of(i));
        }

        assertThat(BoundSql.of("SELECT 1", parameters).values())
                .extracting(v -> ((Value.Int) v).value())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void positionalParametersMustHaveNoGaps() {
        assertInvalid(() -> BoundSql.of("SELECT ?, ?", Map.of("1", ONE, "3", TWO)), "parameter 2 is missing");
        assertInvalid(() -> BoundSql.of("SELECT ?", Map.of("2", ONE)), "parameter 1 is missing");
        assertInvalid(() -> BoundSql.of("SELECT ?", Map.of("0", ONE)), "parameter 1 is missing");
    }

    @Test
    void positionalParameterGivenTwiceIsInvalid() {
        assertInvalid(() -> BoundSql.of("SELECT ?", Map.of("1", ONE, "01", TWO)), "given twice");
    }

    @Test
    void namedParametersAreRenumberedInOrderOfFirstUse() {
        Map<String, Value> parameters = Map.of("a", ONE, "b", TWO);

        BoundSql bound = BoundSql.of("SELECT * FROM t WHERE y = $b AND x = $a", parameters);

        assertThat(bound.sql()).isEqualTo("SELECT * FROM t WHERE y = $1 AND x = $2");
        assertThat(bound.values()).containsExactly(TWO, ONE);
    }

    @Test
    void aNameUsedTwiceBindsOnce() {
        BoundSql bound = BoundSql.of("SELECT $a + $a, $b", Map.of("a", ONE, "b", TWO));

        assertThat(bound.sql()).isEqualTo("SELECT $1 + $1, $2");
        assertThat(bound.values()).containsExactly(ONE, TWO);
    }

    @Test
    void keyMayCarryTheDollarSign() {
        BoundSql bound = BoundSql.of("SELECT $name", Map.of("$name", TEXT));

        assertThat(bound.sql()).isEqualTo("SELECT $1");
        assertThat(bound.values()).containsExactly(TEXT);
    }

    @Test
    void manyNamesGetTwoDigitNumbers() {
        Map<String, Value> parameters = new HashMap<>();
        List<String> uses = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            parameters.put("p" + i, Value.of(i));
            uses.add("$p" + i);
        }

        BoundSql bound = BoundSql.of("SELECT " + String.join(", ", uses), parameters);

        assertThat(bound.sql()).isEqualTo("SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11");
        assertThat(bound.values()).extracting(v -> ((Value.Int) v).value())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void placeholdersInsideLiteralsCommentsAndQuotedIdentifiersAreText() {
        String sql = "SELECT '$a', \"$a\", $$ $a $$, $q$ $a $q$, E'\\' $a', $a -- $a\n /* $a /* $a */ $a */";

        BoundSql bound = BoundSql.of(sql, Map.of("a", ONE));

        assertThat(bound.sql())
                .isEqualTo("SELECT '$a', \"$a\", $$ $a $$, $q$ $a $q$, E'\\' $a', $1 -- $a\n /* $a /* $a */ $a */");
        assertThat(bound.values()).containsExactly(ONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT '$a'", "SELECT \"$a\"", "SELECT 1 -- $a", "SELECT 1 /* $a */", "SELECT $$ $a $$",
        "SELECT $t$ $a $t$", "SELECT E'\\' $a'", "SELECT x$a FROM t"})
    void aNameThatOnlyAppearsInsideTextIsNotUsed(String sql) {
        assertInvalid(() -> BoundSql.of(sql, Map.of("a", ONE)), "does not appear");
    }

    @Test
    void dollarInsideAnIdentifierIsNotAPlaceholder() {
        BoundSql bound = BoundSql.of("SELECT a$b FROM t WHERE x = $b", Map.of("b", ONE));

        assertThat(bound.sql()).isEqualTo("SELECT a$b FROM t WHERE x = $1");
    }

    @Test
    void aNameGivenButNotUsedIsInvalid() {
        assertInvalid(() -> BoundSql.of("SELECT $a", Map.of("a", ONE, "b", TWO)), "'b'");
    }

    @Test
    void aNameUsedButNotGivenIsInvalid() {
        assertInvalid(() -> BoundSql.of("SELECT $a, $c", Map.of("a", ONE)), "$c");
    }

    @Test
    void namesAreCaseSensitive() {
        assertInvalid(() -> BoundSql.of("SELECT $Name", Map.of("name", ONE)), "$Name");
    }

    @Test
    void mixingNumberedAndNamedKeysIsInvalid() {
        assertInvalid(() -> BoundSql.of("SELECT ?, $a", Map.of("1", ONE, "a", TWO)), "either all by position");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT $1, $a", "SELECT ?, $a"})
    void positionalPlaceholdersBesideNamedParametersAreInvalid(String sql) {
        assertInvalid(() -> BoundSql.of(sql, Map.of("a", ONE)), "mixes positional placeholders");
    }

    @Test
    void sameNameWithAndWithoutDollarIsInvalid() {
        assertInvalid(() -> BoundSql.of("SELECT $a", Map.of("a", ONE, "$a", TWO)), "given twice");
    }

    @Test
    void valuesAreCopied() {
        List<Value> values = new ArrayList<>(List.of(ONE));
        BoundSql bound = new BoundSql("SELECT ?", values);

        values.add(TWO);

        assertThat(bound.values()).containsExactly(ONE);
        assertThat(bound.values()).isUnmodifiable();
    }
}
