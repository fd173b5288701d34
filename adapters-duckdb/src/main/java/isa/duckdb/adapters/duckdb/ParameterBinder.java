package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Binds typed values to a prepared statement's placeholders by position, exactly (wire contract, "Values at the
 * edges"):
 * <ul>
 * <li>A timestamp bound to a DATE or TIMESTAMP-family placeholder (as DuckDB typed the placeholder) is bound as
 * the text {@code yyyy-MM-dd HH:mm:ss.nnnnnnnnn+00} and cast by DuckDB to the placeholder's type: into TIMESTAMP
 * (without time zone) it is the instant's UTC wall clock whatever the JVM's or DuckDB's zone, TIMESTAMP_NS keeps
 * its nanoseconds, TIMESTAMP WITH TIME ZONE is the instant itself, and coarser types are cut by DuckDB's own cast.
 * No {@code java.sql.Timestamp} is involved.</li>
 * <li>A timestamp bound where DuckDB cannot tell the type ({@code SELECT ?}) is a TIMESTAMP WITH TIME ZONE
 * (microseconds, DuckDB's precision for that type).</li>
 * <li>Text is bound as VARCHAR and cast by DuckDB to the placeholder's type, so DECIMAL and HUGEINT values given
 * as text bind with every digit.</li>
 * </ul>
 */
final class ParameterBinder {
    private static final Set<String> WALL_CLOCK_TYPES = Set.of("DATE", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS",
            "TIMESTAMP_NS", "TIMESTAMP WITH TIME ZONE");
    private static final DateTimeFormatter UTC_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS'+00'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ParameterBinder() {
    }

    static void bind(PreparedStatement statement, List<Value> values) throws SQLException {
        ParameterMetaData parameters = statement.getParameterMetaData();
        int expected = parameters.getParameterCount();
        if (expected != values.size()) {
            throw ServiceException.invalid("the statement has " + expected + " parameter(s) but " + values.size()
                    + " value(s) were given");
        }
        for (int i = 0; i < values.size(); i++) {
            bindOne(statement, parameters, i + 1, values.get(i));
        }
    }

    private static void bindOne(PreparedStatement statement, ParameterMetaData parameters, int index, Value value)
            throws SQLException {
        if (value instanceof Value.Null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Value.Bool b) {
            statement.setBoolean(index, b.value());
        } else if (value instanceof Value.Int i) {
            statement.setLong(index, i.value());
        } else if (value instanceof Value.Double d) {
            statement.setDouble(index, d.value());
        } else if (value instanceof Value.Text t) {
            statement.setString(index, t.value());
        } else if (value instanceof Value.Bytes b) {
            statement.setBytes(index, b.value());
        } else if (value instanceof Value.Timestamp t) {
            bindTimestamp(statement, parameters.getParameterTypeName(index), index, t.value());
        } else {
            throw ServiceException.invalid("parameter " + index + ": struct and list values cannot be bound");
        }
    }

    private static void bindTimestamp(PreparedStatement statement, String placeholderType, int index, Instant instant)
            throws SQLException {
        if (placeholderType != null && WALL_CLOCK_TYPES.contains(placeholderType)) {
            statement.setString(index, utcText(instant));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    /** The instant as DuckDB reads a UTC timestamp, to the nanosecond ({@code 2024-01-01 12:00:00.000000001+00}). */
    static String utcText(Instant instant) {
        return UTC_TEXT.format(instant);
    }
}
