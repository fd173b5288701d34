package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import isa.duckdb.domain.FileOptions.Flag;
import isa.duckdb.domain.FileOptions.Number;
import isa.duckdb.domain.FileOptions.Text;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Options reach DuckDB's {@code read_*} functions and {@code COPY ... TO} only by these checks. */
class FileOptionsTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefusedReading(String format,
            Map<String, String> options) {
        return assertThatThrownBy(() -> FileOptions.forReading(format, options))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    private static Map<String, String> option(String name, String value) {
        Map<String, String> options = new HashMap<>();
        options.put(name, value);
        return options;
    }

    @Test
    void csvReadingOptionsBecomeDuckDbsNamesWithTypedValues() {
        FileOptions options = FileOptions.forReading("csv", Map.of(
                "delimiter", "|", "header", "true", "skip", "2", "null", "NA", "all_varchar", "false"));

        assertThat(options.format()).isEqualTo(FileFormat.CSV);
        assertThat(options.values()).containsOnly(
                entry("delim", new Text("|")), entry("header", new Flag(true)), entry("skip", new Number(2)),
                entry("nullstr", new Text("NA")), entry("all_varchar", new Flag(false)));
    }

    @Test
    void valuesComeInTheOrderOfTheOptionNamesWhateverOrderTheCallerUsed() {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        given.put("skip", "1");
        given.put("header", "false");
        given.put("auto_detect", "true");

        assertThat(FileOptions.forReading("csv", given).values().keySet())
                .containsExactly("auto_detect", "header", "skip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"delimiter", "delim", "sep", "DELIMITER", "Sep"})
    void theDelimiterHasItsUsualAliasesInAnyLetterCase(String name) {
        assertThat(FileOptions.forReading("csv", Map.of(name, ";")).values()).containsExactly(entry("delim", new Text(";")));
        assertThat(FileOptions.forWriting("csv", Map.of(name, ";")).values()).containsExactly(entry("delim", new Text(";")));
    }

    @Test
    void noOptionsGiveNoValues() {
        assertThat(FileOptions.forReading("parquet", Map.of()).values()).isEmpty();
        assertThat(FileOptions.forWriting("json", Map.of()).values()).isEmpty();
    }

    @Test
    void tsvReadsWithATabDelimiterUnlessTheCallerGivesOne() {
        FileOptions tsv = FileOptions.forReading("tsv", Map.of("header", "true"));
        assertThat(tsv.format()).isEqualTo(FileFormat.CSV);
        assertThat(tsv.values()).containsOnly(entry("delim", new Text("\t")), entry("header", new Flag(true)));

        assertThat(FileOptions.forReading("tsv", Map.of("delimiter", "|")).values())
                .containsExactly(entry("delim", new Text("|")));
        assertThat(FileOptions.forWriting("tsv", Map.of()).values()).containsExactly(entry("delim", new Text("\t")));
    }

    @Test
    void ndjsonReadsNewlineDelimitedRecordsUnlessTheCallerSaysOtherwise() {
        assertThat(FileOptions.forReading("ndjson", Map.of()).values())
                .containsExactly(entry("format", new Text("newline_delimited")));
        assertThat(FileOptions.forReading("jsonl", Map.of("format", "array")).values())
                .containsExactly(entry("format", new Text("array")));
        assertThat(FileOptions.forReading("json", Map.of()).values()).isEmpty();
    }

    @Test
    void ndjsonIsWrittenAsPlainJsonWhichDuckDbWritesOneRecordPerLine() {
        FileOptions ndjson = FileOptions.forWriting("ndjson", Map.of("compression", "gzip"));

        assertThat(ndjson.format()).isEqualTo(FileFormat.JSON);
        assertThat(ndjson.values()).containsExactly(entry("compression", new Text("gzip")));
    }

    @Test
    void eachFormatAndDirectionHasItsOwnOptions() {
        assertThat(FileOptions.forReading("parquet", Map.of("binary_as_string", "true")).values())
                .containsExactly(entry("binary_as_string", new Flag(true)));
        assertThat(FileOptions.forWriting("parquet", Map.of("row_group_size", "100000")).values())
                .containsExactly(entry("row_group_size", new Number(100000)));
        assertThat(FileOptions.forReading("json", Map.of("records", "true")).values())
                .containsExactly(entry("records", new Text("true")));
        assertThat(FileOptions.forWriting("json", Map.of("array", "true")).values())
                .containsExactly(entry("array", new Flag(true)));
        assertThat(FileOptions.forWriting("csv", Map.of("header", "false")).values())
                .containsExactly(entry("header", new Flag(false)));

        assertRefusedReading("parquet", Map.of("header", "true"));
        assertRefusedReading("json", Map.of("header", "true"));
        assertRefusedReading("csv", Map.of("binary_as_string", "true"));
        assertThatThrownBy(() -> FileOptions.forWriting("csv", Map.of("skip", "1")))
                .hasMessageContaining("option 'skip' is not supported for writing csv");
        assertThatThrownBy(() -> FileOptions.forWriting("parquet", Map.of("binary_as_string", "true")))
                .hasMessageContaining("option 'binary_as_string' is not supported for writing parquet");
        assertThatThrownBy(() -> FileOptions.forWriting("json", Map.of("records", "true")))
                .hasMessageContaining("option 'records' is not supported for writing json");
        assertThatThrownBy(() -> FileOptions.forWriting("csv", Map.of("format", "csv")))
                .hasMessageContaining("option 'format' is not supported for writing csv");
    }

    @Test
    void anUnknownOptionIsRefusedWithTheSupportedNames() {
        assertRefusedReading("parquet", Map.of("filename", "true"))
                .hasMessage("INVALID_ARGUMENT: option 'filename' is not supported for reading parquet;"
                        + " supported: [binary_as_string]");
        assertRefusedReading("csv", Map.of("columns", "{'a': 'INT'}"))
                .hasMessageContaining("supported: [all_varchar, auto_detect, compression,");
    }

    @Test
    void anUnknownOptionNameIsQuotedWithoutControlCharacters() {
        assertRefusedReading("csv", Map.of("x\ny", "1")).hasMessageContaining("option 'x?y'");
    }

    @Test
    void flagsAreTrueOrFalseInAnyLetterCase() {
        assertThat(FileOptions.forReading("csv", Map.of("header", " TRUE ")).values().get("header"))
                .isEqualTo(new Flag(true));
        assertThat(FileOptions.forReading("csv", Map.of("header", "False")).values().get("header"))
                .isEqualTo(new Flag(false));

        for (String bad : new String[] {"yes", "1", "", "truee"}) {
            assertRefusedReading("csv", Map.of("header", bad)).hasMessageContaining("option 'header' must be true or false");
        }
        assertRefusedReading("csv", option("header", null)).hasMessageContaining("must be true or false");
    }

    @Test
    void numbersAreWholeNumbersFromMinusOne() {
        assertThat(FileOptions.forReading("csv", Map.of("skip", " 10 ")).values().get("skip")).isEqualTo(new Number(10));
        assertThat(FileOptions.forReading("csv", Map.of("sample_size", "-1")).values().get("sample_size"))
                .isEqualTo(new Number(-1));
        assertThat(FileOptions.forReading("csv", Map.of("skip", "0")).values().get("skip")).isEqualTo(new Number(0));

        for (String bad : new String[] {"-2", "1.5", "ten", "", "99999999999999999999"}) {
            assertRefusedReading("csv", Map.of("skip", bad)).hasMessageContaining("option 'skip' must be a whole number");
        }
        assertRefusedReading("csv", option("skip", null)).hasMessageContaining("must be a whole number");
    }

    @Test
    void characterOptionsAreOneCharacterOrNone() {
        assertThat(FileOptions.forReading("csv", Map.of("quote", "'")).values().get("quote")).isEqualTo(new Text("'"));
        assertThat(FileOptions.forReading("csv", Map.of("escape", "")).values().get("escape")).isEqualTo(new Text(""));

        assertRefusedReading("csv", Map.of("quote", "''")).hasMessageContaining("option 'quote' must be a single character");
    }

    @Test
    void choicesAreMatchedWithoutRegardToCaseAndPassedInLowerCase() {
        assertThat(FileOptions.forWriting("parquet", Map.of("compression", "ZSTD")).values())
                .containsExactly(entry("compression", new Text("zstd")));
        assertThat(FileOptions.forReading("csv", Map.of("new_line", "\r\n")).values())
                .containsExactly(entry("new_line", new Text("\r\n")));

        assertRefusedReading("csv", Map.of("compression", "brotli"))
                .hasMessageContaining("option 'compression' must be one of");
        assertRefusedReading("csv", Map.of("new_line", "x")).hasMessageContaining("option 'new_line' must be one of");
        assertThatThrownBy(() -> FileOptions.forWriting("csv", Map.of("compression", "auto")))
                .hasMessageContaining("option 'compression' must be one of");
    }

    @Test
    void freeTextKeepsItsCaseAndIsLimitedTo64CharactersWithoutNul() {
        assertThat(FileOptions.forReading("csv", Map.of("dateformat", "%d/%m/%Y")).values())
                .containsExactly(entry("dateformat", new Text("%d/%m/%Y")));
        String longest = "N".repeat(64);
        assertThat(FileOptions.forReading("csv", Map.of("nullstr", longest)).values())
                .containsExactly(entry("nullstr", new Text(longest)));
        assertThat(FileOptions.forReading("csv", option("nullstr", null)).values())
                .containsExactly(entry("nullstr", new Text("")));

        assertRefusedReading("csv", Map.of("nullstr", "N".repeat(65)))
                .hasMessageContaining("option 'nullstr' is longer than 64 characters");
        assertRefusedReading("csv", Map.of("nullstr", "\0")).hasMessageContaining("option 'nullstr' contains a NUL");
    }

    @Test
    void anUnsupportedFormatIsRefusedBeforeItsOptions() {
        assertRefusedReading("xlsx", Map.of("sheet", "1")).hasMessageContaining("format 'xlsx' is not supported");
    }
}
