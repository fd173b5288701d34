package isa.duckdb.application.port.out;

import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The constraints of the fake engine's tables, checked as DuckDB checks them (Constraint Error: FAILED_PRECONDITION). */
final class FakeTableShapes {
    private FakeTableShapes() {
    }

    /** The columns with a table-level primary key applied: its columns NOT NULL, a one-column key unique. */
    static List<FakeColumn> withKey(List<FakeColumn> columns, List<String> primaryKey) {
        Set<String> key = new HashSet<>();
        primaryKey.forEach(k -> key.add(k.toLowerCase(Locale.ROOT)));
        List<FakeColumn> result = new ArrayList<>();
        for (FakeColumn c : columns) {
            boolean inKey = c.primaryKey() || key.contains(c.name().toLowerCase(Locale.ROOT));
            boolean soleKey = c.primaryKey() || (inKey && primaryKey.size() == 1);
            result.add(new FakeColumn(c.name(), c.type(), c.nullable() && !inKey, c.defaultValue(), inKey,
                    c.unique() || soleKey, c.comment()));
        }
        return result;
    }

    /** The row's values cast to the column types; NOT NULL checked. */
    static Value[] conform(FakeTable table, List<Value> values) {
        Value[] row = new Value[values.size()];
        for (int i = 0; i < row.length; i++) {
            FakeColumn column = table.columns.get(i);
            row[i] = FakeTypes.coerce(values.get(i), column.type());
            if (row[i] instanceof Value.Null && !column.nullable()) {
                throw ServiceException.failedPrecondition("Constraint Error: NOT NULL constraint failed: "
                        + table.name + "." + column.name());
            }
        }
        return row;
    }

    /** Every primary key and unique column holds distinct values (NULLs never collide). */
    static void checkKeys(FakeTable table) {
        List<Integer> key = new ArrayList<>();
        for (int i = 0; i < table.columns.size(); i++) {
            if (table.columns.get(i).primaryKey()) {
                key.add(i);
            }
            if (table.columns.get(i).unique()) {
                checkDistinct(table, List.of(i));
            }
        }
        if (!key.isEmpty()) {
            checkDistinct(table, key);
        }
    }

    private static void checkDistinct(FakeTable table, List<Integer> columns) {
        Set<List<Value>> seen = new HashSet<>();
        for (Value[] row : table.rows) {
            List<Value> values = columns.stream().map(c -> row[c]).toList();
            if (values.stream().anyMatch(v -> v instanceof Value.Null)) {
                continue;
            }
            if (!seen.add(values)) {
                throw ServiceException.failedPrecondition("Constraint Error: Duplicate key \"" + Arrays.toString(
                        values.toArray()) + "\" violates primary key or unique constraint");
            }
        }
    }
}
