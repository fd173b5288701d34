package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void textUpTo64CharactersIsQuotedWhole() {
        assertThat(SafeText.quote("x".repeat(64))).isEqualTo("x".repeat(64));
    }

    @Test
    void longerTextIsCutAfter64CharactersAndMarkedAsCut() {
        assertThat(SafeText.quote("x".repeat(64) + "SECRET")).isEqualTo("x".repeat(64) + "…");
    }

    @Test
    void controlCharactersBecomeQuestionMarks() {
        assertThat(SafeText.quote("a\nb\u0000c\u001bd")).isEqualTo("a?b?c?d");
    }
}
