package isa.duckdb.application.port.out;

import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column types the fake engine knows, under DuckDB's normalized names (DuckDB prints
 * {@code int} as {@code INTEGER}, {@code text} as {@code VARCHAR}, {@code VARCHAR(8)} as
 * {@code VARCHAR}), and the casts DuckDB applies when a value goes into a column.
 */
final class FakeTypes {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("INTEGER", "INTEGER"), Map.entry("INT", "INTEGER"), Map.entry("INT4", "INTEGER"),
            Map.entry("SIGNED", "INTEGER"), Map.entry("BIGINT", "BIGINT"), Map.entry("INT8", "BIGINT"),
            Map.entry("LONG", "BIGINT"), Map.entry("SMALLINT", "SMALLINT"), Map.entry("INT2", "SMALLINT"),
            Map.entry("TINYINT", "TINYINT"), Map.entry("VARCHAR", "VARCHAR"), Map.entry("TEXT", "VARCHAR"),
            Map.entry("STRING", "VARCHAR"), Map.entry("CHAR", "VARCHAR"), Map.entry("BPCHAR", "VARCHAR"),
            Map.entry("DOUBLE", "DOUBLE"), Map.entry("FLOAT8", "DOUBLE"), Map.entry("FLOAT", "FLOAT"),
            Map.entry("REAL", "FLOAT"), Map.entry("FLOAT4", "FLOAT"), Map.entry("BOOLEAN", "BOOLEAN"),
            Map.entry("BOOL", "BOOLEAN"), Map.entry("LOGICAL", "BOOLEAN"), Map.entry("DATE", "DATE"),
            Map.entry("TIMESTAMP", "TIMESTAMP"), Map.entry("DATETIME", "TIMESTAMP"), Map.entry("BLOB", "BLOB"),
            Map.entry("UUID", "UUID"), Map.entry("DECIMAL", "DECIMAL(18,3)"), Map.entry("NUMERIC", "DECIMAL(18,3)"));
    private static final Pattern SIZED = Pattern.compile("(\\w+)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private FakeTypes() {
    }

    /** DuckDB's name for the type, or empty when the fake does not know it (DuckDB might). */
    static Optional<String> normalize(String text) {
        String type = text.strip().toUpperCase(Locale.ROOT);
        if (type.endsWith("[]")) {
            return normalize(type.substring(0, type.length() - 2)).map(inner -> inner + "[]");
        }
        Matcher sized = SIZED.matcher(type);
        if (sized.matches()) {
            String base = sized.group(1);
            if (base.equals("DECIMAL") || base.equals("NUMERIC")) {
                return Optional.of("DECIMAL(" + sized.group(2) + "," + (sized.group(3) == null ? "0" : sized.group(3)) + ")");
            }
            return "VARCHAR".equals(ALIASES.get(base)) ? Optional.of("VARCHAR") : Optional.empty();
        }
        return Optional.ofNullable(ALIASES.get(type));
    }

    static boolean isInteger(String type) {
        return type.equals("INTEGER") || type.equals("BIGINT") || type.equals("SMALLINT") || type.equals("TINYINT");
    }

    /** The value cast to the column's type; INVALID_ARGUMENT with DuckDB's words when it does not convert. */
    static Value coerce(Value value, String type) {
        if (value instanceof Value.Null) {
            return value;
        }
        try {
            if (isInteger(type)) {
                if (value instanceof Value.Int) {
                    return value;
                }
                if (value instanceof Value.Double d) {
                    return new Value.Int(Math.round(d.value()));
                }
                if (value instanceof Value.Text t) {
                    return new Value.Int(Long.parseLong(t.value().strip()));
                }
            } else if (type.equals("DOUBLE") || type.equals("FLOAT")) {
                if (value instanceof Value.Int i) {
                    return new Value.Double(i.value());
                }
                if (value instanceof Value.Double) {
                    return value;
                }
                if (value instanceof Value.Text t) {
                    return new Value.Double(Double.parseDouble(t.value().strip()));
                }
            } else if (type.equals("BOOLEAN")) {
                if (value instanceof Value.Bool) {
                    return value;
                }
                if (value instanceof Value.Text t && (t.value().equalsIgnoreCase("true") || t.value().equalsIgnoreCase("false"))) {
                    return new Value.Bool(Boolean.parseBoolean(t.value()));
                }
            } else if (type.equals("VARCHAR")) {
                return new Value.Text(text(value));
            } else {
                return value instanceof Value.Text ? value : new Value.Text(text(value));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ServiceException.invalid("Conversion Error: Could not convert " + text(value) + " to " + type);
    }

    static String text(Value value) {
        if (value instanceof Value.Int i) {
            return Long.toString(i.value());
        }
        if (value instanceof Value.Double d) {
            return Double.toString(d.value());
        }
        if (value instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        if (value instanceof Value.Text t) {
            return t.value();
        }
        return String.valueOf(value);
    }

    /** DuckDB's order of two non-NULL values of one column. */
    static final Comparator<Value> ORDER = (a, b) -> {
        if (a instanceof Value.Int x && b instanceof Value.Int y) {
            return Long.compare(x.value(), y.value());
        }
        if (a instanceof Value.Double x && b instanceof Value.Double y) {
            return Double.compare(x.value(), y.value());
        }
        if (a instanceof Value.Bool x && b instanceof Value.Bool y) {
            return Boolean.compare(x.value(), y.value());
        }
        return text(a).compareTo(text(b));
    };
}
