package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Binds typed values to a prepared statement's placeholders by position. */
final class ParameterBinder {
    private ParameterBinder() {
    }

    static void bind(PreparedStatement statement, List<Value> values) throws SQLException {
        int expected = statement.getParameterMetaData().getParameterCount();
        if (expected != values.size()) {
            throw ServiceException.invalid("the statement has " + expected + " parameter(s) but " + values.size()
                    + " value(s) were given");
        }
        for (int i = 0; i < values.size(); i++) {
            bindOne(statement, i + 1, values.get(i));
        }
    }

    private static void bindOne(PreparedStatement statement, int index, Value value) throws SQLException {
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
            statement.setObject(index, OffsetDateTime.ofInstant(t.value(), ZoneOffset.UTC));
        } else {
            throw ServiceException.invalid("parameter " + index + ": struct and list values cannot be bound");
        }
    }
}
