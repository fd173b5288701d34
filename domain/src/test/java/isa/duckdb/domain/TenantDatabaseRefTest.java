package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantDatabaseRefTest {

    @Test
    void splitsAtTheLastSlashAndPrintsTheSameText() {
        TenantDatabaseRef ref = TenantDatabaseRef.parse("org/acme/sales");

        assertThat(ref.tenant().id()).isEqualTo("org/acme");
        assertThat(ref.database()).isEqualTo("sales");
        assertThat(ref).hasToString("org/acme/sales");
        assertThat(TenantDatabaseRef.parse("alice/db-1")).isEqualTo(new TenantDatabaseRef(TenantId.of("alice"), "db-1"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"sales", "/sales", "alice/", " /sales", "", "/"})
    void textWithoutBothPartsIsRefused(String text) {
        assertThatThrownBy(() -> TenantDatabaseRef.parse(text))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("database_id must be '{user_id}/{database id or name}' here");
    }

    @Test
    void theRefusedTextIsQuotedWithoutControlCharacters() {
        assertThatThrownBy(() -> TenantDatabaseRef.parse("sales\n"))
                .hasMessageEndingWith("got 'sales?'");
    }
}
