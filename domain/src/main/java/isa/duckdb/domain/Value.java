package isa.duckdb.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A typed cell of a result or a bound parameter, shaped like the wire's {@code Value}. */
public sealed interface Value {

    Null NULL = new Null();

    record Null() implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    record Int(long value) implements Value {
    }

    record Double(double value) implements Value {
    }

    record Text(String value) implements Value {
    }

    record Bytes(byte[] value) implements Value {
        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + "]";
        }
    }

    record Timestamp(Instant value) implements Value {
    }

    /** A STRUCT or MAP: field names in their order. */
    record Struct(Map<String, Value> fields) implements Value {
        public Struct {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** A LIST or ARRAY. */
    record ListOf(List<Value> items) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    static Value of(long v) {
        return new Int(v);
    }

    static Value of(String v) {
        return v == null ? NULL : new Text(v);
    }
}
