package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.ColumnDescription;
import isa.duckdb.domain.ColumnStatistics;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact per-column figures of a table: distinct values, typed minimum and maximum, nulls. One
 * scan for all columns; when a column type has no order (so no min/max), column by column.
 */
final class ColumnStatisticsReader {
    private final SqlRunner sql;
    private final String table;

    ColumnStatisticsReader(SqlRunner sql, String schema, String table) {
        this.sql = sql;
        this.table = Identifier.quote(schema) + "." + Identifier.quote(table);
    }

    List<ColumnStatistics> read(List<ColumnDescription> columns) {
        if (columns.isEmpty()) {
            return List.of();
        }
        try {
            return readAll(columns, true);
        } catch (ServiceException e) {
            rethrowInterruption(e);
            List<ColumnStatistics> result = new ArrayList<>();
            for (ColumnDescription column : columns) {
                result.add(readOne(column));
            }
            return result;
        }
    }

    private ColumnStatistics readOne(ColumnDescription column) {
        try {
            return readAll(List.of(column), true).get(0);
        } catch (ServiceException e) {
            rethrowInterruption(e);
            return readAll(List.of(column), false).get(0);
        }
    }

    private static long count(Value value) {
        return value instanceof Value.Int i ? i.value() : 0;
    }

    private static void rethrowInterruption(ServiceException e) {
        if (e.kind() == ErrorKind.CANCELLED || e.kind() == ErrorKind.DEADLINE_EXCEEDED) {
            throw e;
        }
    }

    private List<ColumnStatistics> readAll(List<ColumnDescription> columns, boolean withRange) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String c = Identifier.quote(columns.get(i).name());
            if (i > 0) {
                select.append(", ");
            }
            select.append("count(DISTINCT ").append(c).append("), count(*) - count(").append(c).append(")");
            if (withRange) {
                select.append(", min(").append(c).append("), max(").append(c).append(")");
            }
        }
        select.append(" FROM ").append(table);
        int width = withRange ? 4 : 2;
        Value[] row = sql.typedRows(select.toString()).get(0);
        List<ColumnStatistics> result = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int base = i * width;
            Value min = withRange ? row[base + 2] : Value.NULL;
            Value max = withRange ? row[base + 3] : Value.NULL;
            result.add(new ColumnStatistics(columns.get(i).name(), count(row[base]), min, max, count(row[base + 1])));
        }
        return result;
    }
}
