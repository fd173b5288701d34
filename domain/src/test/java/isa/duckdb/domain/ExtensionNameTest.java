package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Parquet", "http://evil/x.duckdb_extension", "../x", "json; SET x=1", "a b", "spatial.ext"})
    void onlyPlainNamesAreExtensionNames(String name) {
        assertThatThrownBy(() -> ExtensionName.of(name)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void theAllowListIsCommaSeparatedAndPermitsOnlyItsNames() {
        ExtensionAllowList list = ExtensionAllowList.parse(" parquet, json ,,icu");

        assertThat(list.names()).containsExactly("parquet", "json", "icu");
        assertThat(list.permits(ExtensionName.of("json"))).isTrue();
        assertThat(list.permits(ExtensionName.of("httpfs"))).isFalse();
        assertThat(ExtensionAllowList.parse("").names()).isEmpty();
        assertThat(ExtensionAllowList.parse(ExtensionAllowList.DEFAULT).names())
                .containsExactly("parquet", "json", "icu", "core_functions");
        assertThatThrownBy(() -> ExtensionAllowList.parse("json,../evil")).isInstanceOf(ServiceException.class);
    }

    @Test
    void aMissingNameIsRefused() {
        assertThatThrownBy(() -> ExtensionName.of(null)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void aPlainNameIsKeptAndPrintedAsGiven() {
        assertThat(ExtensionName.of("core_functions")).hasToString("core_functions");
        assertThat(ExtensionName.of("a".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> ExtensionName.of("a".repeat(65))).isInstanceOf(ServiceException.class);
        assertThat(ExtensionAllowList.parse("json, icu")).hasToString("json,icu");
    }
}
