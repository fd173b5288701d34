package isa.duckdb.application.port.out;

import isa.duckdb.domain.ColumnStatistics;
import isa.duckdb.domain.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Exact per-column figures of a fake table: distinct values, minimum and maximum, NULLs. */
final class FakeStatistics {
    private FakeStatistics() {
    }

    static List<ColumnStatistics> of(FakeTable table) {
        List<ColumnStatistics> statistics = new ArrayList<>();
        for (int c = 0; c < table.columns.size(); c++) {
            Set<Value> distinct = new HashSet<>();
            Value min = Value.NULL;
            Value max = Value.NULL;
            long nulls = 0;
            for (Value[] row : table.rows) {
                Value value = row[c];
                if (value instanceof Value.Null) {
                    nulls++;
                    continue;
                }
                distinct.add(value);
                min = min instanceof Value.Null || FakeTypes.ORDER.compare(value, min) < 0 ? value : min;
                max = max instanceof Value.Null || FakeTypes.ORDER.compare(value, max) > 0 ? value : max;
            }
            statistics.add(new ColumnStatistics(table.columns.get(c).name(), distinct.size(), min, max, nulls));
        }
        return statistics;
    }
}
