package isa.duckdb.bootstrap;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import isa.duckdb.api.Value;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A wire value as exact, readable text: the oneof case and its content ({@code int:5},
 * {@code timestamp:1704110400s+0ns(2024-01-01T12:00:00Z)}, {@code struct:{items=list:[number:1.0]}}). Two
 * values have the same text exactly when a client would read them alike: doubles by
 * {@link Double#toString} (so {@code -0.0} differs from {@code 0.0} and every NaN is alike), strings with
 * their characters outside printable ASCII escaped, struct fields in key order.
 */
final class WireText {
    private WireText() {
    }

    static String of(Value value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> "string:" + quoted(value.getStringValue());
            case INT_VALUE -> "int:" + value.getIntValue();
            case DOUBLE_VALUE -> "double:" + value.getDoubleValue();
            case BOOL_VALUE -> "bool:" + value.getBoolValue();
            case BYTES_VALUE -> "bytes:0x" + HexFormat.of().formatHex(value.getBytesValue().toByteArray());
            case TIMESTAMP_VALUE -> "timestamp:" + value.getTimestampValue().getSeconds() + "s+"
                    + value.getTimestampValue().getNanos() + "ns(" + readable(value) + ")";
            case STRUCT_VALUE -> "struct:" + of(value.getStructValue());
            case NULL_VALUE -> "null";
            case VALUE_NOT_SET -> "unset";
        };
    }

    static String of(com.google.protobuf.Value value) {
        return switch (value.getKindCase()) {
            case NUMBER_VALUE -> "number:" + value.getNumberValue();
            case STRING_VALUE -> "string:" + quoted(value.getStringValue());
            case BOOL_VALUE -> "bool:" + value.getBoolValue();
            case STRUCT_VALUE -> "struct:" + of(value.getStructValue());
            case LIST_VALUE -> "list:" + of(value.getListValue());
            case NULL_VALUE -> "null";
            case KIND_NOT_SET -> "unset";
        };
    }

    /** At most {@code limit} characters of a text, for printing. */
    static String abbreviated(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "…(" + text.length() + " chars)";
    }

    private static String of(Struct struct) {
        StringJoiner fields = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, com.google.protobuf.Value> field : new TreeMap<>(struct.getFieldsMap()).entrySet()) {
            fields.add(quoted(field.getKey()) + "=" + of(field.getValue()));
        }
        return fields.toString();
    }

    private static String of(ListValue list) {
        StringJoiner items = new StringJoiner(", ", "[", "]");
        list.getValuesList().forEach(item -> items.add(of(item)));
        return items.toString();
    }

    private static String readable(Value value) {
        try {
            return Instant.ofEpochSecond(value.getTimestampValue().getSeconds(), value.getTimestampValue().getNanos())
                    .toString();
        } catch (RuntimeException e) {
            return "not an instant";
        }
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c >= 0x20 && c < 0x7f) {
                quoted.appendCodePoint(c);
            } else {
                quoted.append(String.format("\\u{%x}", c));
            }
        });
        return quoted.append('"').toString();
    }
}
