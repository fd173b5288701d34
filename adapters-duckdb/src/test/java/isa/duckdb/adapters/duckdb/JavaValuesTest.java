package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values the Java objects of the driver's nested results become. */
class JavaValuesTest {

    @Test
    void numbersBecomeIntsOrDoublesAndDecimalsKeepTheirDigitsAsText() throws SQLException {
        assertThat(JavaValues.toValue((byte) -1)).isEqualTo(new Value.Int(-1));
        assertThat(JavaValues.toValue((short) 300)).isEqualTo(new Value.Int(300));
        assertThat(JavaValues.toValue(7)).isEqualTo(new Value.Int(7));
        assertThat(JavaValues.toValue(Long.MIN_VALUE)).isEqualTo(new Value.Int(Long.MIN_VALUE));
        assertThat(JavaValues.toValue(1.5f)).isEqualTo(new Value.Double(1.5));
        assertThat(JavaValues.toValue(2.25d)).isEqualTo(new Value.Double(2.25));
        assertThat(JavaValues.toValue(new BigDecimal("1.500"))).isEqualTo(new Value.Text("1.500"));
        assertThat(JavaValues.toValue(new BigDecimal("1E+3"))).isEqualTo(new Value.Text("1000"));
    }

    @Test
    void aBigIntegerIsAnIntWhileItFitsInSixtyFourBitsAndTextBeyond() throws SQLException {
        assertThat(JavaValues.toValue(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(new Value.Int(Long.MAX_VALUE));
        assertThat(JavaValues.toValue(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(new Value.Int(Long.MIN_VALUE));
        assertThat(JavaValues.toValue(BigInteger.TWO.pow(63))).isEqualTo(new Value.Text("9223372036854775808"));
    }

    @Test
    void timestampsWithoutZoneAreReadAsUtcAndZonedOnesKeepTheirInstant() throws SQLException {
        assertThat(JavaValues.toValue(LocalDateTime.parse("2024-01-02T03:04:05")))
                .isEqualTo(new Value.Timestamp(Instant.parse("2024-01-02T03:04:05Z")));
        assertThat(JavaValues.toValue(java.sql.Timestamp.valueOf(LocalDateTime.parse("2024-01-02T03:04:05.5"))))
                .isEqualTo(new Value.Timestamp(Instant.parse("2024-01-02T03:04:05.5Z")));
        assertThat(JavaValues.toValue(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))))
                .isEqualTo(new Value.Timestamp(Instant.parse("2024-01-02T01:04:05Z")));
    }

    @Test
    void datesAndTimesBecomeTheirIsoText() throws SQLException {
        assertThat(JavaValues.toValue(LocalDate.parse("2024-02-29"))).isEqualTo(new Value.Text("2024-02-29"));
        assertThat(JavaValues.toValue(LocalTime.parse("23:59:59.5"))).isEqualTo(new Value.Text("23:59:59.500"));
    }

    @Test
    void nestedListsAndMapsKeepTheirOrderAndNulls() throws SQLException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", null);
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("z", new Value.Int(1));
        fields.put("a", Value.NULL);

        assertThat(JavaValues.toValue(map)).isEqualTo(new Value.Struct(fields));
        assertThat(JavaValues.toValue(new Object[] {"a", null, List.of(true)})).isEqualTo(new Value.ListOf(List.of(
                new Value.Text("a"), Value.NULL, new Value.ListOf(List.of(new Value.Bool(true))))));
    }

    @Test
    void nullBytesAndUnknownObjectsReadAsNullBytesAndText() throws SQLException {
        assertThat(JavaValues.toValue(null)).isEqualTo(Value.NULL);
        assertThat(JavaValues.toValue(new byte[] {1, 2})).isEqualTo(new Value.Bytes(new byte[] {1, 2}));
        assertThat(JavaValues.toValue(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001")))
                .isEqualTo(new Value.Text("00000000-0000-0000-0000-000000000001"));
    }
}
