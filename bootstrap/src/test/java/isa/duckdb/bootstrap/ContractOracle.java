package isa.duckdb.bootstrap;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import isa.duckdb.api.NullValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The wire value the contract ("Values", "Values at the edges") prescribes for a SQL expression,
 * derived from in-process DuckDB's own answers about it ({@code typeof}, {@code CAST(x AS VARCHAR)},
 * {@code epoch_us}/{@code epoch_ns}, date arithmetic, {@code isinf}, {@code len}/{@code x[i]},
 * {@code struct_keys}/{@code struct_extract_at}, {@code map_keys}/{@code map_values},
 * {@code union_tag}/{@code union_extract}), never from the JDBC driver's {@code getObject}. Every text
 * is read as {@code hex()} of its UTF-8 bytes so that the driver decodes nothing but ASCII digits.
 * DuckDB's {@code TimeZone} is UTC, as the contract says a database's is by default. The column type is what
 * {@code DESCRIBE} says of the result, which is {@code typeof(v)} except that DuckDB's results turn the type of
 * an untyped {@code NULL} ({@code "NULL"}) into {@code INTEGER}.
 *
 * <p>Nested values follow the lead's mapping for {@code google.protobuf.Struct}/{@code ListValue}:
 * LIST/ARRAY → list; STRUCT and MAP → struct (MAP keyed by {@code CAST(key AS VARCHAR)}); UNION → its
 * active member; integers beyond ±2^53 → exact digits; FLOAT/DOUBLE → number; DECIMAL → text;
 * TIMESTAMP family → {@link Instant#toString()} in UTC; DATE → {@link LocalDate#toString()};
 * infinities → {@code "infinity"}/{@code "-infinity"}; BLOB → base64; other types → DuckDB's text.
 */
final class ContractOracle implements AutoCloseable {
    /** What the wire should say for one column: its type text and its value in the one row. */
    record Expected(String columnType, isa.duckdb.api.Value value) {
    }

    private static final Instant FIRST_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final BigInteger MAX_EXACT_DOUBLE_INTEGER = BigInteger.ONE.shiftLeft(53);
    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");
    private static final Set<String> TIMESTAMPS = Set.of("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS",
            "TIMESTAMP_NS", "TIMESTAMP WITH TIME ZONE");
    private static final Pattern LIST_OR_ARRAY = Pattern.compile(".*\\[\\d*]$");

    private final Connection connection;
    private String source;

    ContractOracle() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
    }

    /** The expected answer of {@code SELECT <expression> AS v}. */
    Expected ofQuery(String expression) throws SQLException {
        source = "(SELECT " + expression + " AS v) c";
        return expected();
    }

    /** The expected answer of {@code SELECT v FROM t} after {@code CREATE TABLE t AS SELECT <expression> AS v}. */
    Expected ofTable(String expression) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE c AS SELECT " + expression + " AS v");
        }
        source = "c";
        return expected();
    }

    private Expected expected() throws SQLException {
        String described;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT hex(column_type) FROM (DESCRIBE SELECT v FROM " + source + ")")) {
            rows.next();
            described = new String(HexFormat.of().parseHex(rows.getString(1)), StandardCharsets.UTF_8);
        }
        return new Expected(described, topLevel("v"));
    }

    private isa.duckdb.api.Value topLevel(String x) throws SQLException {
        isa.duckdb.api.Value.Builder value = isa.duckdb.api.Value.newBuilder();
        if (isNull(x)) {
            return value.setNullValue(NullValue.NULL_VALUE).build();
        }
        String type = text("typeof(" + x + ")");
        if (LIST_OR_ARRAY.matcher(type).matches()) {
            return value.setStructValue(Struct.newBuilder().putFields("items",
                    com.google.protobuf.Value.newBuilder().setListValue(list(x)).build())).build();
        } else if (type.startsWith("STRUCT(")) {
            return value.setStructValue(struct(x)).build();
        } else if (type.startsWith("MAP(")) {
            return value.setStructValue(map(x)).build();
        } else if (type.startsWith("UNION(")) {
            return topLevel(activeMember(x));
        } else if (type.equals("BOOLEAN")) {
            return value.setBoolValue(text(x).equals("true")).build();
        } else if (INTEGERS.contains(type)) {
            BigInteger integer = new BigInteger(text(x));
            return integer.bitLength() < Long.SIZE
                    ? value.setIntValue(integer.longValueExact()).build()
                    : value.setStringValue(integer.toString()).build();
        } else if (type.equals("FLOAT") || type.equals("DOUBLE")) {
            return value.setDoubleValue(floating(x, type)).build();
        } else if (type.equals("BLOB")) {
            return value.setBytesValue(ByteString.copyFrom(blob(x))).build();
        } else if (type.equals("DATE")) {
            return value.setStringValue(date(x)).build();
        } else if (TIMESTAMPS.contains(type)) {
            if (isInfinite(x)) {
                return value.setStringValue(text(x)).build();
            }
            Instant instant = instant(x, type);
            return instant.isBefore(FIRST_TIMESTAMP) || instant.isAfter(LAST_TIMESTAMP)
                    ? value.setStringValue(instant.toString()).build()
                    : value.setTimestampValue(Timestamp.newBuilder()
                            .setSeconds(instant.getEpochSecond()).setNanos(instant.getNano())).build();
        }
        return value.setStringValue(text(x)).build();
    }

    private com.google.protobuf.Value nested(String x) throws SQLException {
        com.google.protobuf.Value.Builder value = com.google.protobuf.Value.newBuilder();
        if (isNull(x)) {
            return value.setNullValue(com.google.protobuf.NullValue.NULL_VALUE).build();
        }
        String type = text("typeof(" + x + ")");
        if (LIST_OR_ARRAY.matcher(type).matches()) {
            return value.setListValue(list(x)).build();
        } else if (type.startsWith("STRUCT(")) {
            return value.setStructValue(struct(x)).build();
        } else if (type.startsWith("MAP(")) {
            return value.setStructValue(map(x)).build();
        } else if (type.startsWith("UNION(")) {
            return nested(activeMember(x));
        } else if (type.equals("BOOLEAN")) {
            return value.setBoolValue(text(x).equals("true")).build();
        } else if (INTEGERS.contains(type)) {
            BigInteger integer = new BigInteger(text(x));
            return integer.abs().compareTo(MAX_EXACT_DOUBLE_INTEGER) <= 0
                    ? value.setNumberValue(integer.doubleValue()).build()
                    : value.setStringValue(integer.toString()).build();
        } else if (type.equals("FLOAT") || type.equals("DOUBLE")) {
            return value.setNumberValue(floating(x, type)).build();
        } else if (type.equals("BLOB")) {
            return value.setStringValue(Base64.getEncoder().encodeToString(blob(x))).build();
        } else if (type.equals("DATE")) {
            return value.setStringValue(date(x)).build();
        } else if (TIMESTAMPS.contains(type)) {
            return value.setStringValue(isInfinite(x) ? text(x) : instant(x, type).toString()).build();
        }
        return value.setStringValue(text(x)).build();
    }

    private ListValue list(String x) throws SQLException {
        ListValue.Builder list = ListValue.newBuilder();
        long length = Long.parseLong(text("len(" + x + ")"));
        for (long i = 1; i <= length; i++) {
            list.addValues(nested("(" + x + ")[" + i + "]"));
        }
        return list.build();
    }

    private Struct struct(String x) throws SQLException {
        Struct.Builder struct = Struct.newBuilder();
        long fields = Long.parseLong(text("len(struct_keys(" + x + "))"));
        for (long i = 1; i <= fields; i++) {
            struct.putFields(text("struct_keys(" + x + ")[" + i + "]"), nested("struct_extract_at(" + x + ", " + i + ")"));
        }
        return struct.build();
    }

    private Struct map(String x) throws SQLException {
        Struct.Builder struct = Struct.newBuilder();
        long entries = Long.parseLong(text("cardinality(" + x + ")"));
        for (long i = 1; i <= entries; i++) {
            struct.putFields(text("map_keys(" + x + ")[" + i + "]"), nested("map_values(" + x + ")[" + i + "]"));
        }
        return struct.build();
    }

    private String activeMember(String x) throws SQLException {
        return "union_extract(" + x + ", '" + text("union_tag(" + x + ")").replace("'", "''") + "')";
    }

    private double floating(String x, String type) throws SQLException {
        String text = text(x);
        switch (text) {
            case "nan":
            case "-nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return type.equals("FLOAT") ? (double) Float.parseFloat(text) : Double.parseDouble(text);
        }
    }

    private byte[] blob(String x) throws SQLException {
        return HexFormat.of().parseHex(single("hex(" + x + ")"));
    }

    private String date(String x) throws SQLException {
        if (isInfinite(x)) {
            return text(x);
        }
        return LocalDate.ofEpochDay(Long.parseLong(text("(" + x + ") - DATE '1970-01-01'"))).toString();
    }

    private Instant instant(String x, String type) throws SQLException {
        if (type.equals("TIMESTAMP_NS")) {
            long nanos = Long.parseLong(text("epoch_ns(" + x + ")"));
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
        long micros = Long.parseLong(text("epoch_us(" + x + ")"));
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private boolean isInfinite(String x) throws SQLException {
        return text("isinf(" + x + ")").equals("true");
    }

    private boolean isNull(String x) throws SQLException {
        return text("(" + x + ") IS NULL").equals("true");
    }

    /** DuckDB's {@code CAST(x AS VARCHAR)}, exact: read as the hex of its UTF-8 bytes. */
    private String text(String x) throws SQLException {
        String hex = single("hex(CAST(" + x + " AS VARCHAR))");
        return hex == null ? null : new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    private String single(String expression) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + expression + " FROM " + source)) {
            if (!rows.next()) {
                throw new IllegalStateException("no row for " + expression);
            }
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
