package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential test's oracle says what the contract's own examples say ("Values", "Values at the
 * edges"), so that a difference it reports is the service's and not the oracle's.
 */
class ContractOracleTest {
    private static ContractOracle oracle;

    @BeforeAll
    static void open() throws Exception {
        oracle = new ContractOracle();
    }

    @AfterAll
    static void close() throws Exception {
        oracle.close();
    }

    private static String value(String expression) throws Exception {
        return WireText.of(oracle.ofQuery(expression).value());
    }

    private static String type(String expression) throws Exception {
        return oracle.ofQuery(expression).columnType();
    }

    @Test
    void infinitiesAreTextAtTopLevelAndInsideNestedValues() throws Exception {
        assertThat(value("'infinity'::DATE")).isEqualTo("string:\"infinity\"");
        assertThat(value("'-infinity'::TIMESTAMP")).isEqualTo("string:\"-infinity\"");
        assertThat(value("'infinity'::TIMESTAMP_S")).isEqualTo("string:\"infinity\"");
        assertThat(value("{'d': 'infinity'::DATE, 't': '-infinity'::TIMESTAMP_NS}"))
                .isEqualTo("struct:{\"d\"=string:\"infinity\", \"t\"=string:\"-infinity\"}");
    }

    @Test
    void timestampsOutsideProtobufRangeAreSignedExpandedIsoText() throws Exception {
        assertThat(value("TIMESTAMP '0044-03-15 (BC) 10:00:00'")).isEqualTo("string:\"-0043-03-15T10:00:00Z\"");
        assertThat(value("TIMESTAMP '294246-01-01 00:00:00'")).isEqualTo("string:\"+294246-01-01T00:00:00Z\"");
        assertThat(value("[TIMESTAMP '0044-03-15 (BC) 10:00:00']"))
                .isEqualTo("struct:{\"items\"=list:[string:\"-0043-03-15T10:00:00Z\"]}");
        assertThat(value("DATE '0044-03-15 (BC)'")).isEqualTo("string:\"-0043-03-15\"");
        assertThat(value("DATE '5881580-07-10'")).isEqualTo("string:\"+5881580-07-10\"");
    }

    @Test
    void timestampsInRangeAreExactInstantsAndNanosecondsSurvive() throws Exception {
        assertThat(value("TIMESTAMP '2024-01-01 12:00:00'"))
                .isEqualTo("timestamp:1704110400s+0ns(2024-01-01T12:00:00Z)");
        assertThat(value("TIMESTAMPTZ '2024-01-01 12:00:00+02'"))
                .isEqualTo("timestamp:1704103200s+0ns(2024-01-01T10:00:00Z)");
        assertThat(value("'1969-12-31 23:59:59.999999999'::TIMESTAMP_NS"))
                .isEqualTo("timestamp:-1s+999999999ns(1969-12-31T23:59:59.999999999Z)");
        assertThat(value("['2024-01-01 12:00:00.000000001'::TIMESTAMP_NS]"))
                .isEqualTo("struct:{\"items\"=list:[string:\"2024-01-01T12:00:00.000000001Z\"]}");
    }

    @Test
    void timesAndOtherTextTypesAreDuckDbsOwnText() throws Exception {
        assertThat(value("TIME '24:00:00'")).isEqualTo("string:\"24:00:00\"");
        assertThat(value("TIME '10:00:00'")).isEqualTo("string:\"10:00:00\"");
        assertThat(value("TIME '10:00:00.5'")).isEqualTo("string:\"10:00:00.5\"");
        assertThat(value("TIMETZ '10:00:00+00'")).isEqualTo("string:\"10:00:00+00\"");
        assertThat(value("'12345678901234567890.0123456789'::DECIMAL(38,10)"))
                .isEqualTo("string:\"12345678901234567890.0123456789\"");
        assertThat(type("'b'::ENUM('a', 'b')")).isEqualTo("ENUM('a', 'b')");
        assertThat(type("{'😀': 1}")).isEqualTo("STRUCT(\"😀\" INTEGER)");
    }

    @Test
    void integersBeyondTwoToTheFiftyThreeAreDigitsOnlyInsideNestedValues() throws Exception {
        assertThat(value("(-9223372036854775808)::BIGINT")).isEqualTo("int:-9223372036854775808");
        assertThat(value("18446744073709551615::UBIGINT")).isEqualTo("string:\"18446744073709551615\"");
        assertThat(value("[-9223372036854775808, 9007199254740992]"))
                .isEqualTo("struct:{\"items\"=list:[string:\"-9223372036854775808\", number:9.007199254740992E15]}");
    }

    @Test
    void mapsAreKeyedByTheKeysTextAndBlobsAreBytesOrBase64() throws Exception {
        assertThat(value("MAP {'\\x00\\xFF'::BLOB: 1}")).isEqualTo("struct:{\"\\\\x00\\\\xFF\"=number:1.0}");
        assertThat(value("'\\x00\\xFF'::BLOB")).isEqualTo("bytes:0x00ff");
        assertThat(value("['\\x00\\xFF'::BLOB]")).isEqualTo("struct:{\"items\"=list:[string:\"AP8=\"]}");
    }

    @Test
    void floatsWidenExactlyAndKeepTheirSpecialValues() throws Exception {
        assertThat(value("0.1::FLOAT")).isEqualTo("double:" + (double) 0.1f);
        assertThat(value("'-0.0'::DOUBLE")).isEqualTo("double:-0.0");
        assertThat(value("['NaN'::FLOAT, '-inf'::DOUBLE]"))
                .isEqualTo("struct:{\"items\"=list:[number:NaN, number:-Infinity]}");
    }

    @Test
    void anUntypedNullIsAnIntegerColumnAsDuckDbsResultSaysAndUnionsAreTheirActiveMember() throws Exception {
        assertThat(type("NULL")).isEqualTo("INTEGER");
        assertThat(value("NULL")).isEqualTo("null");
        assertThat(value("union_value(i := 42)::UNION(i INTEGER, s VARCHAR)")).isEqualTo("int:42");
    }
}
