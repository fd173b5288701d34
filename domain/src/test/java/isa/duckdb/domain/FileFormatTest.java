package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileFormatTest {

    @ParameterizedTest
    @CsvSource({"csv,CSV", "tsv,CSV", "parquet,PARQUET", "json,JSON", "ndjson,JSON", "jsonl,JSON", "' Parquet ',PARQUET",
        "NDJSON,JSON", "Csv,CSV"})
    void formatNamesAreReadWithoutRegardToCaseOrSurroundingSpaces(String name, FileFormat expected) {
        assertThat(FileFormat.parse(name)).isEqualTo(expected);
    }

    @Test
    void eachFormatHasTheFileExtensionDuckDbKnowsItBy() {
        assertThat(FileFormat.CSV.extension()).isEqualTo("csv");
        assertThat(FileFormat.PARQUET.extension()).isEqualTo("parquet");
        assertThat(FileFormat.JSON.extension()).isEqualTo("json");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "xlsx", "csv.gz", "arrow"})
    void otherFormatsAreRefusedWithTheListOfSupportedOnes(String name) {
        assertThatThrownBy(() -> FileFormat.parse(name))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("is not supported; use csv, parquet, json or ndjson");
    }

    @Test
    void theRefusedNameIsQuotedWithoutControlCharacters() {
        assertThatThrownBy(() -> FileFormat.parse("x\nml")).hasMessageContaining("format 'x?ml'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndjson", "jsonl", " NDJSON ", "JsonL"})
    void newlineDelimitedNamesImplyNewlineDelimitedRecords(String name) {
        assertThat(FileFormat.impliedOptions(name)).containsExactly(Map.entry("format", "newline_delimited"));
    }

    @Test
    void tsvImpliesATabDelimiter() {
        assertThat(FileFormat.impliedOptions("TSV")).containsExactly(Map.entry("delimiter", "\t"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"csv", "json", "parquet", "xlsx"})
    void otherNamesImplyNothing(String name) {
        assertThat(FileFormat.impliedOptions(name)).isEmpty();
    }
}
