package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlExcerptTest {

    @Test
    void sqlOfAtMostAThousandCharactersIsShownWhole() {
        String sql = "SELECT " + "x".repeat(993);

        assertThat(SqlExcerpt.of(sql)).isEqualTo(sql).hasSize(1_000);
    }

    @Test
    void longerSqlIsCutToAThousandCharactersEndingWithAnEllipsis() {
        String sql = "SELECT " + "y".repeat(5_000);

        String excerpt = SqlExcerpt.of(sql);

        assertThat(excerpt).hasSize(1_000).startsWith("SELECT yyy").endsWith("y…");
    }

    @Test
    void theCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String sql = "x".repeat(998) + "😀" + "tail";

        String excerpt = SqlExcerpt.of(sql);

        assertThat(excerpt).isEqualTo("x".repeat(998) + "…");
    }

    @Test
    void noSqlIsEmpty() {
        assertThat(SqlExcerpt.of(null)).isEmpty();
    }
}
