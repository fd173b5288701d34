package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MacroDefinitionTest {
    private static final SqlExpression BODY = SqlExpression.of("body", "1");

    private static List<Identifier> parameters(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> Identifier.of("p" + i)).toList();
    }

    @Test
    void aFunctionHasAtMost1000Parameters() {
        assertThat(new MacroDefinition(Identifier.of("f"), parameters(1000), BODY, Optional.empty(), false).parameters())
                .hasSize(1000);
        assertThatThrownBy(() -> new MacroDefinition(Identifier.of("f"), parameters(1001), BODY, Optional.empty(), false))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("at most 1000 parameters");
    }

    @Test
    void parameterNamesAreDistinctWithoutRegardToCase() {
        assertThatThrownBy(() -> new MacroDefinition(Identifier.of("f"), List.of(Identifier.of("x"), Identifier.of("X")),
                SqlExpression.of("body", "x"), Optional.empty(), false))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("parameter 'X' is given twice");
    }

    @Test
    void onlyAScalarFunctionHasAReturnType() {
        Optional<SqlType> integer = Optional.of(SqlType.of("type", "INTEGER"));

        assertThat(new MacroDefinition(Identifier.of("f"), List.of(), BODY, integer, false).returnType()).isEqualTo(integer);
        assertThat(new MacroDefinition(Identifier.of("t"), List.of(), SqlExpression.of("body", "SELECT 1"),
                Optional.empty(), true).table()).isTrue();
        assertThatThrownBy(() -> new MacroDefinition(Identifier.of("t"), List.of(), SqlExpression.of("body", "SELECT 1"),
                integer, true)).hasMessageContaining("return_type applies to functions returning one value");
    }

    @Test
    void theParametersDoNotFollowLaterChangesOfTheGivenList() {
        List<Identifier> given = new ArrayList<>(List.of(Identifier.of("a")));
        MacroDefinition macro = new MacroDefinition(Identifier.of("f"), given, BODY, Optional.empty(), false);
        given.add(Identifier.of("b"));

        assertThat(macro.parameters()).containsExactly(Identifier.of("a"));
    }
}
