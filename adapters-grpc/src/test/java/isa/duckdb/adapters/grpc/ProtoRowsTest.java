package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import isa.duckdb.api.Row;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Result batches become wire rows as the contract's "Values" and "Values at the edges" say. */
class ProtoRowsTest {

    @Test
    void cellsWrittenColumnByColumnLandInTheirRowsInOrder() {
        RowBatch batch = RowBatch.of(2, List.of(
                new Value[] {new Value.Int(1), new Value.Text("a")},
                new Value[] {new Value.Int(2), Value.NULL}));

        Row[] rows = ProtoRows.convert(batch);

        assertThat(rows).hasSize(2);
        assertThat(rows[0].getValuesList()).extracting(v -> v.getValueCase().name()).containsExactly("INT_VALUE", "STRING_VALUE");
        assertThat(rows[0].getValues(1).getStringValue()).isEqualTo("a");
        assertThat(rows[1].getValues(0).getIntValue()).isEqualTo(2);
        assertThat(rows[1].getValues(1).hasNullValue()).isTrue();
    }

    @Test
    void aTimestampInsideProtobufsRangeTravelsAsATimestampWithItsNanoseconds() {
        isa.duckdb.api.Value value = ProtoValues.toProto(new Value.Timestamp(Instant.parse("2024-01-01T12:00:00.123456789Z")));

        assertThat(value.getTimestampValue().getSeconds()).isEqualTo(1_704_110_400L);
        assertThat(value.getTimestampValue().getNanos()).isEqualTo(123_456_789);
        assertThat(ProtoValues.toProto(new Value.Timestamp(Instant.parse("0001-01-01T00:00:00Z"))).hasTimestampValue()).isTrue();
        assertThat(ProtoValues.toProto(new Value.Timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z"))).hasTimestampValue())
                .isTrue();
    }

    @Test
    void aTimestampOutsideProtobufsRangeTravelsAsIsoTextWithAnExpandedYear() {
        assertThat(ProtoValues.toProto(new Value.Timestamp(Instant.parse("-0043-03-15T10:00:00Z"))).getStringValue())
                .isEqualTo("-0043-03-15T10:00:00Z");
        assertThat(ProtoValues.toProto(new Value.Timestamp(Instant.parse("0000-12-31T23:59:59.999999Z"))).getStringValue())
                .isEqualTo("0000-12-31T23:59:59.999999Z");
        assertThat(ProtoValues.toProto(new Value.Timestamp(Instant.parse("+294246-01-01T00:00:00Z"))).getStringValue())
                .isEqualTo("+294246-01-01T00:00:00Z");
    }

    @Test
    void utf8BytesTravelAsTheirString() {
        RowBatch batch = new RowBatch() {
            @Override
            public int rowCount() {
                return 1;
            }

            @Override
            public int columnCount() {
                return 2;
            }

            @Override
            public void write(int column, int row, isa.duckdb.domain.CellWriter out) {
                if (column == 0) {
                    out.writeUtf8(ByteBuffer.wrap("héllo 😀".getBytes(StandardCharsets.UTF_8)));
                } else {
                    out.writeBytes(ByteBuffer.wrap(new byte[] {(byte) 0xAA, 0}));
                }
            }
        };

        Row row = ProtoRows.convert(batch)[0];

        assertThat(row.getValues(0).getStringValue()).isEqualTo("héllo 😀");
        assertThat(row.getValues(1).getBytesValue()).isEqualTo(ByteString.copyFrom(new byte[] {(byte) 0xAA, 0}));
    }

    @Test
    void aTopLevelListIsAStructOfItemsAndNestedValuesFollowJsonsLimits() {
        Value nested = new Value.ListOf(List.of(new Value.Int(1L << 53), new Value.Int((1L << 53) + 1),
                new Value.Int(Long.MIN_VALUE), new Value.Timestamp(Instant.parse("-0043-03-15T10:00:00Z")),
                new Value.Struct(Map.of("b", new Value.Bytes(new byte[] {1, 2}))), Value.NULL));

        Struct struct = ProtoValues.toProto(nested).getStructValue();

        ListValue items = struct.getFieldsOrThrow("items").getListValue();
        assertThat(items.getValues(0).getNumberValue()).isEqualTo(9_007_199_254_740_992.0);
        assertThat(items.getValues(1).getStringValue()).isEqualTo("9007199254740993");
        assertThat(items.getValues(2).getStringValue()).isEqualTo("-9223372036854775808");
        assertThat(items.getValues(3).getStringValue()).isEqualTo("-0043-03-15T10:00:00Z");
        assertThat(items.getValues(4).getStructValue().getFieldsOrThrow("b").getStringValue()).isEqualTo("AQI=");
        assertThat(items.getValues(5).hasNullValue()).isTrue();
    }

    @Test
    void aTopLevelStructKeepsItsFieldNames() {
        Value struct = new Value.Struct(Map.of("😀", new Value.Text("x")));

        assertThat(ProtoValues.toProto(struct).getStructValue().getFieldsOrThrow("😀").getStringValue()).isEqualTo("x");
    }
}
