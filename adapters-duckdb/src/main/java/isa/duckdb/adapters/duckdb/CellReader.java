package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads one column's cells with the getter that suits its DuckDB type, chosen once per result. */
@FunctionalInterface
interface CellReader {

    Value read(ResultSet rows, int column) throws SQLException;

    static CellReader forType(String duckDbType) {
        String type = duckDbType.toUpperCase(java.util.Locale.ROOT);
        if (type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")) {
            return (rows, column) -> JavaValues.toValue(rows.getObject(column));
        }
        if (type.startsWith("DECIMAL")) {
            return (rows, column) -> {
                BigDecimal decimal = rows.getBigDecimal(column);
                return decimal == null ? Value.NULL : new Value.Text(decimal.toPlainString());
            };
        }
        switch (type) {
            case "BOOLEAN":
                return (rows, column) -> {
                    boolean value = rows.getBoolean(column);
                    return rows.wasNull() ? Value.NULL : new Value.Bool(value);
                };
            case "TINYINT": case "SMALLINT": case "INTEGER": case "BIGINT":
            case "UTINYINT": case "USMALLINT": case "UINTEGER":
                return (rows, column) -> {
                    long value = rows.getLong(column);
                    return rows.wasNull() ? Value.NULL : new Value.Int(value);
                };
            case "UBIGINT": case "HUGEINT": case "UHUGEINT":
                return (rows, column) -> {
                    Object value = rows.getObject(column);
                    return value == null ? Value.NULL : JavaValues.bigInteger(new BigInteger(value.toString()));
                };
            case "FLOAT": case "DOUBLE":
                return (rows, column) -> {
                    double value = rows.getDouble(column);
                    return rows.wasNull() ? Value.NULL : new Value.Double(value);
                };
            case "TIMESTAMP": case "TIMESTAMP_S": case "TIMESTAMP_MS": case "TIMESTAMP_NS":
                return (rows, column) -> {
                    LocalDateTime value = rows.getObject(column, LocalDateTime.class);
                    return value == null ? Value.NULL : new Value.Timestamp(value.toInstant(ZoneOffset.UTC));
                };
            case "TIMESTAMP WITH TIME ZONE":
                return (rows, column) -> {
                    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
                    return value == null ? Value.NULL : new Value.Timestamp(value.toInstant());
                };
            case "BLOB":
                return (rows, column) -> {
                    byte[] value = rows.getBytes(column);
                    return value == null ? Value.NULL : new Value.Bytes(value);
                };
            case "DATE": case "TIME": case "TIME WITH TIME ZONE":
                return (rows, column) -> JavaValues.toValue(rows.getObject(column));
            default:
                return (rows, column) -> {
                    String value = rows.getString(column);
                    return value == null ? Value.NULL : new Value.Text(value);
                };
        }
    }
}
