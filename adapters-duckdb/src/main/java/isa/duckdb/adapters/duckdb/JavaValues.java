package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/** Converts the Java objects the driver returns for nested values (lists, structs, maps) into values. */
final class JavaValues {
    private JavaValues() {
    }

    static Value toValue(Object object) throws SQLException {
        if (object == null) {
            return Value.NULL;
        }
        if (object instanceof Boolean b) {
            return new Value.Bool(b);
        }
        if (object instanceof Byte || object instanceof Short || object instanceof Integer || object instanceof Long) {
            return new Value.Int(((Number) object).longValue());
        }
        if (object instanceof BigInteger big) {
            return bigInteger(big);
        }
        if (object instanceof Float || object instanceof Double) {
            return new Value.Double(((Number) object).doubleValue());
        }
        if (object instanceof BigDecimal decimal) {
            return new Value.Text(decimal.toPlainString());
        }
        if (object instanceof java.sql.Timestamp timestamp) {
            return new Value.Timestamp(timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC));
        }
        if (object instanceof LocalDateTime local) {
            return new Value.Timestamp(local.toInstant(ZoneOffset.UTC));
        }
        if (object instanceof OffsetDateTime offset) {
            return new Value.Timestamp(offset.toInstant());
        }
        if (object instanceof TemporalAccessor) {
            return new Value.Text(object.toString());
        }
        if (object instanceof byte[] bytes) {
            return new Value.Bytes(bytes);
        }
        if (object instanceof Blob blob) {
            return new Value.Bytes(blob.getBytes(1, (int) blob.length()));
        }
        if (object instanceof DuckDBStruct struct) {
            return struct(struct.getMap());
        }
        if (object instanceof Struct struct) {
            Object[] attributes = struct.getAttributes();
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < attributes.length; i++) {
                fields.put(Integer.toString(i + 1), attributes[i]);
            }
            return struct(fields);
        }
        if (object instanceof Map<?, ?> map) {
            return struct(map);
        }
        if (object instanceof Array array) {
            return list((Object[]) array.getArray());
        }
        if (object instanceof Object[] items) {
            return list(items);
        }
        if (object instanceof List<?> items) {
            return list(items.toArray());
        }
        return new Value.Text(object.toString());
    }

    static Value bigInteger(BigInteger value) {
        return value.bitLength() < 64 ? new Value.Int(value.longValue()) : new Value.Text(value.toString());
    }

    private static Value struct(Map<?, ?> map) throws SQLException {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            fields.put(String.valueOf(entry.getKey()), toValue(entry.getValue()));
        }
        return new Value.Struct(fields);
    }

    private static Value list(Object[] items) throws SQLException {
        List<Value> values = new ArrayList<>(items.length);
        for (Object item : items) {
            values.add(toValue(item));
        }
        return new Value.ListOf(values);
    }
}
