package isa.duckdb.adapters.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import isa.duckdb.domain.Value;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed values between the domain and the wire, as the contract's "Values" section says. */
final class ProtoValues {
    private static final long MAX_EXACT_JSON_INTEGER = 1L << 53;

    private ProtoValues() {
    }

    /** A value on the wire as a result cell travels (see {@link ProtoRows}). */
    static isa.duckdb.api.Value toProto(Value value) {
        return ProtoRows.toProto(value);
    }

    /**
     * A LIST, ARRAY, STRUCT, MAP or UNION cell into its wire value: a top-level LIST/ARRAY is
     * {@code struct_value {"items": [...]}}, the rest a {@code struct_value} of JSON values.
     */
    static void nested(Value value, isa.duckdb.api.Value.Builder target) {
        if (value instanceof Value.ListOf l) {
            target.setStructValue(Struct.newBuilder().putFields("items", json(l)));
        } else if (value instanceof Value.Struct s) {
            target.setStructValue(struct(s.fields()));
        } else {
            target.mergeFrom(ProtoRows.toProto(value));
        }
    }

    static Value fromProto(isa.duckdb.api.Value value) {
        switch (value.getValueCase()) {
            case STRING_VALUE:
                return new Value.Text(value.getStringValue());
            case INT_VALUE:
                return new Value.Int(value.getIntValue());
            case DOUBLE_VALUE:
                return new Value.Double(value.getDoubleValue());
            case BOOL_VALUE:
                return new Value.Bool(value.getBoolValue());
            case BYTES_VALUE:
                return new Value.Bytes(value.getBytesValue().toByteArray());
            case TIMESTAMP_VALUE:
                Timestamp t = value.getTimestampValue();
                return new Value.Timestamp(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
            case STRUCT_VALUE:
                return new Value.Struct(Map.of());
            default:
                return Value.NULL;
        }
    }

    static Map<String, Value> parameters(Map<String, isa.duckdb.api.Value> parameters) {
        Map<String, Value> result = new LinkedHashMap<>();
        parameters.forEach((key, value) -> result.put(key, fromProto(value)));
        return result;
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Struct struct(Map<String, Value> fields) {
        Struct.Builder builder = Struct.newBuilder();
        fields.forEach((name, field) -> builder.putFields(name, json(field)));
        return builder.build();
    }

    /** A value nested in a struct or list, in JSON's terms: exact big integers and binary become strings. */
    private static com.google.protobuf.Value json(Value value) {
        com.google.protobuf.Value.Builder builder = com.google.protobuf.Value.newBuilder();
        if (value instanceof Value.Bool b) {
            builder.setBoolValue(b.value());
        } else if (value instanceof Value.Int i) {
            if (i.value() >= -MAX_EXACT_JSON_INTEGER && i.value() <= MAX_EXACT_JSON_INTEGER) {
                builder.setNumberValue(i.value());
            } else {
                builder.setStringValue(Long.toString(i.value()));
            }
        } else if (value instanceof Value.Double d) {
            builder.setNumberValue(d.value());
        } else if (value instanceof Value.Text t) {
            builder.setStringValue(t.value());
        } else if (value instanceof Value.Bytes b) {
            builder.setStringValue(Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof Value.Timestamp t) {
            builder.setStringValue(t.value().toString());
        } else if (value instanceof Value.Struct s) {
            builder.setStructValue(struct(s.fields()));
        } else if (value instanceof Value.ListOf l) {
            ListValue.Builder list = ListValue.newBuilder();
            l.items().forEach(item -> list.addValues(json(item)));
            builder.setListValue(list);
        } else {
            builder.setNullValue(com.google.protobuf.NullValue.NULL_VALUE);
        }
        return builder.build();
    }
}
