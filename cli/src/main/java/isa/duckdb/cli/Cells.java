package isa.duckdb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import isa.duckdb.api.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Typed result values (wire contract, "Values") as text and as JSON: integers and doubles as numbers, exact
 * DECIMALs as the service's strings, timestamps ISO-8601, BLOBs base64, LIST/STRUCT/MAP as JSON.
 */
final class Cells {
    static final JsonFactory JSON = JsonFactory.builder().build();

    private Cells() {
    }

    /** The value as text; {@code null} for NULL (each format shows NULL its own way). */
    static String text(Value value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case TIMESTAMP_VALUE -> Instant.ofEpochSecond(value.getTimestampValue().getSeconds(),
                    value.getTimestampValue().getNanos()).toString();
            case STRUCT_VALUE -> structText(value.getStructValue());
            case NULL_VALUE, VALUE_NOT_SET -> null;
        };
    }

    /** Writes the value as one JSON value. */
    static void write(JsonGenerator json, Value value) throws IOException {
        switch (value.getValueCase()) {
            case INT_VALUE -> json.writeNumber(value.getIntValue());
            case DOUBLE_VALUE -> {
                double d = value.getDoubleValue();
                if (Double.isFinite(d)) {
                    json.writeNumber(d);
                } else {
                    json.writeString(Double.toString(d));
                }
            }
            case BOOL_VALUE -> json.writeBoolean(value.getBoolValue());
            case STRUCT_VALUE -> write(json, value.getStructValue());
            case NULL_VALUE, VALUE_NOT_SET -> json.writeNull();
            default -> json.writeString(text(value));
        }
    }

    private static String structText(Struct struct) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            write(json, struct);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator json, Struct struct) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, com.google.protobuf.Value> field : struct.getFieldsMap().entrySet()) {
            json.writeFieldName(field.getKey());
            write(json, field.getValue());
        }
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, com.google.protobuf.Value value) throws IOException {
        switch (value.getKindCase()) {
            case NUMBER_VALUE -> json.writeNumber(value.getNumberValue());
            case STRING_VALUE -> json.writeString(value.getStringValue());
            case BOOL_VALUE -> json.writeBoolean(value.getBoolValue());
            case STRUCT_VALUE -> write(json, value.getStructValue());
            case LIST_VALUE -> write(json, value.getListValue());
            default -> json.writeNull();
        }
    }

    private static void write(JsonGenerator json, ListValue list) throws IOException {
        json.writeStartArray();
        for (com.google.protobuf.Value item : list.getValuesList()) {
            write(json, item);
        }
        json.writeEndArray();
    }
}
