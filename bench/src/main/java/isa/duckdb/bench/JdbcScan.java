package isa.duckdb.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;

/**
 * A full scan through JDBC touching every value with the typed getter a client would use
 * ({@code getLong}, {@code getBigDecimal}, {@code getString}, {@code getObject(i, LocalDate.class)}),
 * shared by the PostgreSQL (pgjdbc) and in-process DuckDB contenders.
 */
public final class JdbcScan {
    private JdbcScan() {
    }

    /** How a column's values are read and checked. */
    enum Kind { INTEGER, DECIMAL, DATE, TEXT }

    /**
     * Runs {@code sql} on {@code connection} with {@code fetchSize} (0 leaves the driver's) and
     * touches every value. Leaves the connection's auto-commit as it found it.
     */
    public static ScanResult scan(Connection connection, String sql, int fetchSize) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            if (fetchSize > 0) {
                statement.setFetchSize(fetchSize);
            }
            try (ResultSet rows = statement.executeQuery(sql)) {
                Kind[] kinds = kinds(rows.getMetaData());
                Checksum checksum = new Checksum(kinds.length);
                while (rows.next()) {
                    for (int c = 0; c < kinds.length; c++) {
                        int index = c + 1;
                        switch (kinds[c]) {
                            case INTEGER -> checksum.addLong(c, rows.getLong(index));
                            case DECIMAL -> checksum.addDecimal(c, rows.getBigDecimal(index));
                            case DATE -> checksum.addDate(c, rows.getObject(index, LocalDate.class).toEpochDay());
                            default -> checksum.addText(c, rows.getString(index));
                        }
                    }
                    checksum.addRows(1);
                }
                return ScanResult.of(checksum, 0, System.nanoTime() - start);
            }
        }
    }

    static Kind[] kinds(ResultSetMetaData metaData) throws SQLException {
        Kind[] kinds = new Kind[metaData.getColumnCount()];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = switch (metaData.getColumnType(c + 1)) {
                case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INTEGER;
                case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
                case Types.DATE -> Kind.DATE;
                default -> Kind.TEXT;
            };
        }
        return kinds;
    }
}
