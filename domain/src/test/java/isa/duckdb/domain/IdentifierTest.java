package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "events|\"events\"",
        "Mixed Case|\"Mixed Case\"",
        "a\"b|\"a\"\"b\"",
        "x\"; DROP TABLE t; --|\"x\"\"; DROP TABLE t; --\""})
    void quotesAnyTextAsOneIdentifier(String name, String quoted) {
        assertThat(Identifier.of(name).quoted()).isEqualTo(quoted);
    }

    @Test
    void refusesEmptyTooLongAndNul() {
        assertThat(Identifier.of("n".repeat(255)).value()).hasSize(255);
        for (String bad : new String[] {"", "n".repeat(256), "a\0b", "\0"}) {
            assertThatThrownBy(() -> Identifier.of(bad)).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        }
    }

    @Test
    void aNameIsPrintedAsGiven() {
        assertThat(Identifier.of("Mixed Case")).hasToString("Mixed Case");
        assertThat(QualifiedName.of(Identifier.of("events"))).isEqualTo(QualifiedName.parse("events"));
    }

    @Test
    void aQualifiedNameSplitsAtTheFirstDot() {
        QualifiedName plain = QualifiedName.parse("events");
        assertThat(plain.schema()).isEmpty();
        assertThat(plain.schemaName()).isEqualTo("main");
        assertThat(plain.quoted()).isEqualTo("\"events\"");

        QualifiedName qualified = QualifiedName.parse("sales.q1");
        assertThat(qualified.schemaName()).isEqualTo("sales");
        assertThat(qualified.quoted()).isEqualTo("\"sales\".\"q1\"");

        assertThat(QualifiedName.parse(".hidden").schema()).isEmpty();
        assertThat(QualifiedName.parse("trailing.").name().value()).isEqualTo("trailing.");
        assertThatThrownBy(() -> QualifiedName.parse("")).isInstanceOf(ServiceException.class);
    }
}
