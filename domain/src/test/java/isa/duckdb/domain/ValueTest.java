package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void bytesAreEqualByTheirContent() {
        Value.Bytes bytes = new Value.Bytes(new byte[] {1, 2, 3});

        assertThat(bytes).isEqualTo(new Value.Bytes(new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new Value.Bytes(new byte[] {1, 2, 3}))
                .isNotEqualTo(new Value.Bytes(new byte[] {1, 2, 4}))
                .isNotEqualTo(new Value.Text("\u0001\u0002\u0003"));
        assertThat(new Value.Bytes(new byte[0])).isEqualTo(new Value.Bytes(new byte[0]));
    }

    @Test
    void bytesPrintTheirLengthNotTheirContent() {
        assertThat(new Value.Bytes("secret".getBytes(StandardCharsets.UTF_8))).hasToString("Bytes[6]");
    }

    @Test
    void shortcutsMakeTextNumbersAndNull() {
        assertThat(Value.of("x")).isEqualTo(new Value.Text("x"));
        assertThat(Value.of((String) null)).isSameAs(Value.NULL);
        assertThat(Value.of(42L)).isEqualTo(new Value.Int(42));
    }

    @Test
    void aStructKeepsItsFieldOrderAndDoesNotFollowLaterChangesOfTheGivenMap() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("z", Value.of(1));
        fields.put("a", Value.NULL);
        Value.Struct struct = new Value.Struct(fields);
        fields.put("b", Value.of(2));

        assertThat(struct.fields().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> struct.fields().put("c", Value.NULL)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aListDoesNotFollowLaterChangesOfTheGivenList() {
        List<Value> items = new ArrayList<>(List.of(Value.of(1), Value.of(2)));
        Value.ListOf list = new Value.ListOf(items);
        items.clear();

        assertThat(list.items()).containsExactly(Value.of(1), Value.of(2));
    }
}
