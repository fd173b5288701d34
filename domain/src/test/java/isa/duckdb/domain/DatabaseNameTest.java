package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"sales", "Sales_2024", "a", "_scratch", "9lives", "v1.2", "my-db", "a.b-c_d"})
    void acceptsOrdinaryNames(String name) {
        assertThat(DatabaseName.of(name).value()).isEqualTo(name);
        assertThat(DatabaseName.isValid(name)).isTrue();
    }

    @Test
    void acceptsExactly128Characters() {
        String name = "n".repeat(DatabaseName.MAX_LENGTH);

        assertThat(DatabaseName.of(name).value()).hasSize(128);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../x", "..", ".", "a/b", "/abs", "a\\b", "..\\x", ".hidden", "-flag", "a..b", "x/../y",
        "with space", "tab\tname", "new\nline", "nul\u0000", "ñandú", "emoji😀", "semi;colon", "quote'", "star*"})
    void refusesUnsafeNames(String name) {
        assertThatThrownBy(() -> DatabaseName.of(name))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        assertThat(DatabaseName.isValid(name)).isFalse();
    }

    @Test
    void refusesMoreThan128Characters() {
        assertThatThrownBy(() -> DatabaseName.of("n".repeat(129)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).startsWith("INVALID_ARGUMENT: ").contains("128");
                });
    }

    @Test
    void errorQuotesTheNameSafely() {
        String name = "bad/\u0007" + "x".repeat(100);

        assertThatThrownBy(() -> DatabaseName.of(name))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getMessage()).contains("bad/?").doesNotContain("\u0007").doesNotContain(name);
                    assertThat(e.getMessage()).contains("x".repeat(50)).doesNotContain("x".repeat(70));
                });
    }

    @Test
    void valueSemanticsAndToString() {
        assertThat(DatabaseName.of("sales")).isEqualTo(new DatabaseName("sales")).hasToString("sales");
        assertThat(DatabaseName.of("sales")).isNotEqualTo(DatabaseName.of("Sales"));
    }
}
