package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.Value;
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

/**
 * Each DuckDB type read off a real Arrow export: the cell as the wire mapping wants it (contract
 * "Values" and "Values at the edges") and the column type as DuckDB's {@code typeof} says it.
 */
class VectorReadersTest {
    @TempDir
    static java.nio.file.Path folder;
    static DuckDbTestDatabase db;

    @BeforeAll
    static void open() {
        db = new DuckDbTestDatabase(folder);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                cell("TRUE", "BOOLEAN", new Value.Bool(true)),
                cell("(-128)::TINYINT", "TINYINT", new Value.Int(-128)),
                cell("32767::SMALLINT", "SMALLINT", new Value.Int(32767)),
                cell("(-2147483648)::INTEGER", "INTEGER", new Value.Int(-2147483648L)),
                cell("(-9223372036854775808)::BIGINT", "BIGINT", new Value.Int(Long.MIN_VALUE)),
                cell("255::UTINYINT", "UTINYINT", new Value.Int(255)),
                cell("65535::USMALLINT", "USMALLINT", new Value.Int(65535)),
                cell("4294967295::UINTEGER", "UINTEGER", new Value.Int(4294967295L)),
                cell("9223372036854775807::UBIGINT", "UBIGINT", new Value.Int(Long.MAX_VALUE)),
                cell("18446744073709551615::UBIGINT", "UBIGINT", text("18446744073709551615")),
                cell("(-5)::HUGEINT", "HUGEINT", new Value.Int(-5)),
                cell("170141183460469231731687303715884105727::HUGEINT", "HUGEINT",
                        text("170141183460469231731687303715884105727")),
                cell("(-170141183460469231731687303715884105727)::HUGEINT - 1", "HUGEINT",
                        text("-170141183460469231731687303715884105728")),
                cell("9223372036854775808::HUGEINT", "HUGEINT", text("9223372036854775808")),
                cell("340282366920938463463374607431768211455::UHUGEINT", "UHUGEINT",
                        text("340282366920938463463374607431768211455")),
                cell("7::UHUGEINT", "UHUGEINT", new Value.Int(7)),
                cell("0.1::FLOAT", "FLOAT", new Value.Double(0.1f)),
                cell("'NaN'::DOUBLE", "DOUBLE", new Value.Double(Double.NaN)),
                cell("'-inf'::DOUBLE", "DOUBLE", new Value.Double(Double.NEGATIVE_INFINITY)),
                cell("(-0.5)::DECIMAL(4,2)", "DECIMAL(4,2)", text("-0.50")),
                cell("123.45::DECIMAL(18,3)", "DECIMAL(18,3)", text("123.450")),
                cell("0::DECIMAL(4,2)", "DECIMAL(4,2)", text("0.00")),
                cell("(-0.05)::DECIMAL(9,2)", "DECIMAL(9,2)", text("-0.05")),
                cell("(-99999999999999.9999)::DECIMAL(18,4)", "DECIMAL(18,4)", text("-99999999999999.9999")),
                cell("0.000000000000000001::DECIMAL(18,18)", "DECIMAL(18,18)", text(".000000000000000001")),
                cell("'-12345678901234567890.0123456789'::DECIMAL(38,10)", "DECIMAL(38,10)",
                        text("-12345678901234567890.0123456789")),
                cell("'héllo 😀'", "VARCHAR", text("héllo 😀")),
                cell("'\\xAA\\x00'::BLOB", "BLOB", new Value.Bytes(new byte[] {(byte) 0xAA, 0})),
                cell("'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::UUID", "UUID", text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
                cell("DATE '2024-02-29'", "DATE", text("2024-02-29")),
                cell("DATE '1000-01-01'", "DATE", text("1000-01-01")),
                cell("DATE '9999-12-31'", "DATE", text("9999-12-31")),
                cell("DATE '0999-10-09'", "DATE", text("0999-10-09")),
                cell("'infinity'::DATE", "DATE", text("infinity")),
                cell("'-infinity'::DATE", "DATE", text("-infinity")),
                cell("DATE '0044-03-15 (BC)'", "DATE", text("-0043-03-15")),
                cell("DATE '5881580-07-10'", "DATE", text("+5881580-07-10")),
                cell("TIME '10:00:00'", "TIME", text("10:00:00")),
                cell("TIME '10:00:00.5'", "TIME", text("10:00:00.5")),
                cell("TIME '24:00:00'", "TIME", text("24:00:00")),
                cell("TIME_NS '10:00:00.123456789'", "TIME_NS", text("10:00:00.123456789")),
                cell("TIMETZ '10:00:00+05'", "TIME WITH TIME ZONE", text("10:00:00+05")),
                cell("TIMETZ '10:00:00.25-03:30'", "TIME WITH TIME ZONE", text("10:00:00.25-03:30")),
                cell("TIMESTAMP '2024-01-01 12:00:00.123456'", "TIMESTAMP", at("2024-01-01T12:00:00.123456Z")),
                cell("TIMESTAMP_S '2024-01-01 12:00:00'", "TIMESTAMP_S", at("2024-01-01T12:00:00Z")),
                cell("TIMESTAMP_MS '2024-01-01 12:00:00.123'", "TIMESTAMP_MS", at("2024-01-01T12:00:00.123Z")),
                cell("TIMESTAMP_NS '2024-01-01 12:00:00.123456789'", "TIMESTAMP_NS", at("2024-01-01T12:00:00.123456789Z")),
                cell("TIMESTAMPTZ '2024-01-01 12:00:00+02'", "TIMESTAMP WITH TIME ZONE", at("2024-01-01T10:00:00Z")),
                cell("TIMESTAMP '0044-03-15 (BC) 10:00:00'", "TIMESTAMP", at("-0043-03-15T10:00:00Z")),
                cell("TIMESTAMP '1969-12-31 23:59:59.5'", "TIMESTAMP", at("1969-12-31T23:59:59.5Z")),
                cell("'infinity'::TIMESTAMP", "TIMESTAMP", text("infinity")),
                cell("'-infinity'::TIMESTAMP", "TIMESTAMP", text("-infinity")),
                cell("'infinity'::TIMESTAMP_S", "TIMESTAMP_S", text("infinity")),
                cell("'-infinity'::TIMESTAMP_MS", "TIMESTAMP_MS", text("-infinity")),
                cell("'infinity'::TIMESTAMP_NS", "TIMESTAMP_NS", text("infinity")),
                cell("'infinity'::TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", text("infinity")),
                cell("INTERVAL '1 year 2 months 3 days 04:05:06.7'", "INTERVAL", text("1 year 2 months 3 days 04:05:06.7")),
                cell("INTERVAL '-1 day'", "INTERVAL", text("-1 day")),
                cell("INTERVAL '30 hours'", "INTERVAL", text("30:00:00")),
                cell("INTERVAL '0 seconds'", "INTERVAL", text("00:00:00")),
                cell("'b'::ENUM('a', 'b', 'it''s')", "ENUM('a', 'b', 'it''s')", text("b")),
                cell("'0101'::BIT", "BIT", text("0101")),
                cell("'-12345678901234567890123456789'::BIGNUM", "BIGNUM", text("-12345678901234567890123456789")),
                cell("'{\"a\": 1}'::JSON", "JSON", text("{\"a\": 1}")),
                cell("[1, 2, NULL]", "INTEGER[]", list(new Value.Int(1), new Value.Int(2), Value.NULL)),
                cell("[1, 2]::INTEGER[2]", "INTEGER[2]", list(new Value.Int(1), new Value.Int(2))),
                cell("[TIMESTAMP '0044-03-15 (BC) 10:00:00', 'infinity']", "TIMESTAMP[]",
                        list(at("-0043-03-15T10:00:00Z"), text("infinity"))),
                cell("[DATE '2024-01-01']", "DATE[]", list(text("2024-01-01"))),
                cell("{'a': 1, 'b': 'x'}", "STRUCT(a INTEGER, b VARCHAR)", struct("a", new Value.Int(1), "b", text("x"))),
                cell("{'😀': 1, 'select': 2}", "STRUCT(\"😀\" INTEGER, \"select\" INTEGER)",
                        struct("😀", new Value.Int(1), "select", new Value.Int(2))),
                cell("MAP {'k': 1}", "MAP(VARCHAR, INTEGER)", struct("k", new Value.Int(1))),
                cell("MAP {1: 'x'}", "MAP(INTEGER, VARCHAR)", struct("1", text("x"))),
                cell("MAP {'\\xAA'::BLOB: 1}", "MAP(BLOB, INTEGER)", struct("\\xAA", new Value.Int(1))),
                cell("MAP {DATE '2024-01-01': 1}", "MAP(DATE, INTEGER)", struct("2024-01-01", new Value.Int(1))),
                cell("MAP {TIMESTAMP '2024-01-01 10:00:00.5': 1}", "MAP(TIMESTAMP, INTEGER)",
                        struct("2024-01-01 10:00:00.5", new Value.Int(1))),
                cell("union_value(num := 2)::UNION(num INTEGER, str VARCHAR)", "UNION(num INTEGER, str VARCHAR)",
                        new Value.Int(2)),
                cell("union_value(str := 'x')::UNION(num INTEGER, str VARCHAR)", "UNION(num INTEGER, str VARCHAR)", text("x")),
                cell("[{'m': MAP {'k': [1]}}]", "STRUCT(m MAP(VARCHAR, INTEGER[]))[]",
                        list(struct("m", struct("k", list(new Value.Int(1)))))),
                cell("'POINT(1 2)'::GEOMETRY", "GEOMETRY", text("POINT (1 2)")),
                cell("NULL::INTEGER", "INTEGER", Value.NULL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachTypeReadsAsTheContractMapsIt(String expression, String type, Value expected) {
        try (RowCursor cursor = db.run("SELECT " + expression + " AS v").rows().orElseThrow()) {
            assertThat(cursor.columns()).containsExactly(new Column("v", type));
            List<Value[]> rows = cursor.next(10).toRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)[0]).isEqualTo(expected);
        }
    }

    @Test
    void aColumnTypeHoldsTheExactUtf8OfNamesOutsideTheBasicMultilingualPlane() {
        try (RowCursor cursor = db.run("SELECT 1 AS \"𝔘\", {'𝔘': 'x'} AS s").rows().orElseThrow()) {
            assertThat(cursor.columns()).containsExactly(new Column("𝔘", "INTEGER"), new Column("s", "STRUCT(\"𝔘\" VARCHAR)"));
        }
    }

    @Test
    void anEmptyResultStillNamesItsEnumLabels() {
        try (RowCursor cursor = db.run("SELECT 'a'::ENUM('a', 'b') AS e, ['a'::ENUM('x', 'a')] AS l WHERE false")
                .rows().orElseThrow()) {
            assertThat(cursor.columns()).containsExactly(new Column("e", "ENUM('a', 'b')"), new Column("l", "ENUM('x', 'a')[]"));
            assertThat(cursor.next(10).rowCount()).isZero();
        }
    }

    @Test
    void aTypeDuckDbCannotExportIsRefusedWithDuckDbsOwnMessage() {
        var failure = db.failure("SELECT {'a': 1}::VARIANT AS v");

        assertThat(failure.kind()).isEqualTo(isa.duckdb.domain.ErrorKind.INVALID_ARGUMENT);
        assertThat(failure.getMessage()).contains("Not implemented Error: Unsupported type in DuckDB -> Arrow Conversion: VARIANT")
                .doesNotContain("CDataJniException").doesNotEndWith("}");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1.0::DOUBLE", "100::DOUBLE", "1e15::DOUBLE",
        "1e16::DOUBLE", "1e-7::DOUBLE", "1e300::DOUBLE", "'nan'::DOUBLE", "'inf'::DOUBLE", "'-inf'::DOUBLE",
        "0.1::DOUBLE", "-123.456::DOUBLE", "'-0.0'::DOUBLE", "'-0.0'::FLOAT", "0.1::FLOAT", "1e20::FLOAT", "3.0::FLOAT", "-0.5::FLOAT"})
    void aFloatingMapKeyIsDuckDbsOwnText(String key) {
        Value expected = db.value("SELECT CAST(" + key + " AS VARCHAR)");

        Value map = db.value("SELECT MAP {" + key + ": 1}");

        assertThat(((Value.Struct) map).fields()).containsOnlyKeys(((Value.Text) expected).value());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"1.0|1", "-2.5|-2.5", "0.1|0.1",
        "1e20|1e+20", "1.5e-7|1.5e-07", "123456789012345.6|123456789012345.6", "1e16|1e+16"})
    void geometryCoordinatesPrintAsDuckDbPrintsDoubles(double value, String text) {
        assertThat(WellKnownText.number(value)).isEqualTo(text);
    }

    @Test
    void nullsInsideEveryNestedKindStayNull() {
        assertThat(db.value("SELECT {'a': NULL::INTEGER, 'l': [NULL::VARCHAR], 'm': MAP {'k': NULL::DATE}}"))
                .isEqualTo(struct("a", Value.NULL, "l", list(Value.NULL), "m", struct("k", Value.NULL)));
    }

    @Test
    void cellsOfLaterBatchesAndSlicesKeepTheirRows() {
        List<Value[]> rows = db.rows("SELECT range AS n, 'r' || range AS t FROM range(20000)");

        assertThat(rows).hasSize(20000);
        assertThat(rows.get(8193)).containsExactly(new Value.Int(8193), text("r8193"));
        assertThat(rows.get(19999)).containsExactly(new Value.Int(19999), text("r19999"));
    }

    private static Arguments cell(String expression, String type, Value expected) {
        return Arguments.of(expression, type, expected);
    }

    private static Value text(String text) {
        return new Value.Text(text);
    }

    private static Value at(String instant) {
        return new Value.Timestamp(Instant.parse(instant));
    }

    private static Value list(Value... items) {
        return new Value.ListOf(List.of(items));
    }

    private static Value struct(Object... namesAndValues) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
        }
        return new Value.Struct(fields);
    }
}
