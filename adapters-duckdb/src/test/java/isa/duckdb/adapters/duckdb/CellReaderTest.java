package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The value each common DuckDB type reads as, through the session's cursor (CellReader, then JavaValues for nested ones). */
class CellReaderTest {
    @TempDir
    static Path folder;
    static DuckDbTestDatabase db;

    @BeforeAll
    static void open() {
        db = new DuckDbTestDatabase(folder);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Value text(String value) {
        return new Value.Text(value);
    }

    private static Value timestamp(String instant) {
        return new Value.Timestamp(Instant.parse(instant));
    }

    static Stream<Arguments> typedValues() {
        Map<String, Value> struct = new LinkedHashMap<>();
        struct.put("a", new Value.Int(1));
        struct.put("b", text("x"));
        return Stream.of(
                Arguments.of("true", "BOOLEAN", new Value.Bool(true)),
                Arguments.of("(-7)::TINYINT", "TINYINT", new Value.Int(-7)),
                Arguments.of("32000::SMALLINT", "SMALLINT", new Value.Int(32000)),
                Arguments.of("2147483647::INTEGER", "INTEGER", new Value.Int(2147483647)),
                Arguments.of("9223372036854775807::BIGINT", "BIGINT", new Value.Int(Long.MAX_VALUE)),
                Arguments.of("200::UTINYINT", "UTINYINT", new Value.Int(200)),
                Arguments.of("4000000000::UINTEGER", "UINTEGER", new Value.Int(4_000_000_000L)),
                Arguments.of("5::UBIGINT", "UBIGINT", new Value.Int(5)),
                Arguments.of("18446744073709551615::UBIGINT", "UBIGINT", text("18446744073709551615")),
                Arguments.of("(-5)::HUGEINT", "HUGEINT", new Value.Int(-5)),
                Arguments.of("170141183460469231731687303715884105727::HUGEINT", "HUGEINT",
                        text("170141183460469231731687303715884105727")),
                Arguments.of("1.5::FLOAT", "FLOAT", new Value.Double(1.5)),
                Arguments.of("0.1::FLOAT", "FLOAT", new Value.Double(0.10000000149011612)),
                Arguments.of("2.25::DOUBLE", "DOUBLE", new Value.Double(2.25)),
                Arguments.of("'NaN'::DOUBLE", "DOUBLE", new Value.Double(Double.NaN)),
                Arguments.of("1.50::DECIMAL(10,2)", "DECIMAL(10,2)", text("1.50")),
                Arguments.of("123456789012345678901234.5::DECIMAL(38,1)", "DECIMAL(38,1)",
                        text("123456789012345678901234.5")),
                Arguments.of("'héllo'", "VARCHAR", text("héllo")),
                Arguments.of("'\\xAA\\x01'::BLOB", "BLOB", new Value.Bytes(new byte[] {(byte) 0xAA, 1})),
                Arguments.of("DATE '2024-01-02'", "DATE", text("2024-01-02")),
                Arguments.of("TIME '12:34:56.789'", "TIME", text("12:34:56.789")),
                Arguments.of("TIMETZ '12:34:56+02'", "TIME WITH TIME ZONE", text("12:34:56+02:00")),
                Arguments.of("TIMESTAMP '2024-01-02 03:04:05.123456'", "TIMESTAMP", timestamp("2024-01-02T03:04:05.123456Z")),
                Arguments.of("TIMESTAMP_S '2024-01-02 03:04:05'", "TIMESTAMP_S", timestamp("2024-01-02T03:04:05Z")),
                Arguments.of("TIMESTAMP_MS '2024-01-02 03:04:05.123'", "TIMESTAMP_MS", timestamp("2024-01-02T03:04:05.123Z")),
                Arguments.of("TIMESTAMP_NS '2024-01-02 03:04:05.123456789'", "TIMESTAMP_NS",
                        timestamp("2024-01-02T03:04:05.123456789Z")),
                Arguments.of("TIMESTAMPTZ '2024-01-02 03:04:05+02'", "TIMESTAMP WITH TIME ZONE",
                        timestamp("2024-01-02T01:04:05Z")),
                Arguments.of("'00000000-0000-0000-0000-000000000001'::UUID", "UUID",
                        text("00000000-0000-0000-0000-000000000001")),
                Arguments.of("INTERVAL 1 DAY", "INTERVAL", text("1 day")),
                Arguments.of("'a'::ENUM('a', 'b')", "ENUM", text("a")),
                Arguments.of("'{\"a\":1}'::JSON", "JSON", text("{\"a\":1}")),
                Arguments.of("[1, 2, NULL]", "INTEGER[]", new Value.ListOf(List.of(new Value.Int(1), new Value.Int(2),
                        Value.NULL))),
                Arguments.of("[1, 2]::INTEGER[2]", "INTEGER[2]", new Value.ListOf(List.of(new Value.Int(1),
                        new Value.Int(2)))),
                Arguments.of("[[1], [2, 3]]", "INTEGER[][]", new Value.ListOf(List.of(
                        new Value.ListOf(List.of(new Value.Int(1))),
                        new Value.ListOf(List.of(new Value.Int(2), new Value.Int(3)))))),
                Arguments.of("[DATE '2024-01-02']", "DATE[]", new Value.ListOf(List.of(text("2024-01-02")))),
                Arguments.of("{'a': 1, 'b': 'x'}", "STRUCT(a INTEGER, b VARCHAR)", new Value.Struct(struct)),
                Arguments.of("{'t': TIMESTAMP '2024-01-02 03:04:05'}", "STRUCT(t TIMESTAMP)",
                        new Value.Struct(Map.of("t", timestamp("2024-01-02T03:04:05Z")))),
                Arguments.of("MAP {'k': 1}", "MAP(VARCHAR, INTEGER)", new Value.Struct(Map.of("k", new Value.Int(1)))),
                Arguments.of("union_value(num := 2)", "UNION(num INTEGER)", new Value.Int(2)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("typedValues")
    void eachTypeReadsAsItsValue(String expression, String type, Value expected) {
        try (RowCursor cursor = db.run("SELECT " + expression + " AS v").rows().orElseThrow()) {
            assertThat(cursor.columns()).containsExactly(new Column("v", type));
            assertThat(cursor.next(1).get(0)[0]).isEqualTo(expected);
        }
    }

    /** The types of {@link #typedValues()} that can be named in a cast (an ENUM or UNION needs its members). */
    static Stream<String> castableTypes() {
        return typedValues().map(arguments -> (String) arguments.get()[1])
                .filter(type -> !type.equals("ENUM") && !type.startsWith("UNION")).distinct();
    }

    @ParameterizedTest(name = "NULL::{0}")
    @MethodSource("castableTypes")
    void aNullOfEachTypeReadsAsNull(String type) {
        assertThat(db.value("SELECT CAST(NULL AS " + type + ")")).isEqualTo(Value.NULL);
    }

    @Test
    void aNullInsideAStructStaysAFieldWithANullValue() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("a", Value.NULL);
        fields.put("b", new Value.Int(2));

        assertThat(db.value("SELECT {'a': NULL::INTEGER, 'b': 2}")).isEqualTo(new Value.Struct(fields));
    }
}
