package isa.duckdb.application.port.out;

import isa.duckdb.domain.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A base table of the fake engine: its columns and its rows, in insertion order. */
final class FakeTable {
    final String schema;
    final String name;
    final String comment;
    final List<FakeColumn> columns;
    final List<Value[]> rows;

    FakeTable(String schema, String name, String comment, List<FakeColumn> columns, List<Value[]> rows) {
        this.schema = schema;
        this.name = name;
        this.comment = comment;
        this.columns = List.copyOf(columns);
        this.rows = new ArrayList<>(rows);
    }

    FakeTable copy() {
        List<Value[]> copied = new ArrayList<>(rows.size());
        for (Value[] row : rows) {
            copied.add(row.clone());
        }
        return new FakeTable(schema, name, comment, columns, copied);
    }

    Optional<Integer> columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Rough bytes the rows take: 8 per fixed-width value, the length of texts. */
    long sizeBytes() {
        long size = 0;
        for (Value[] row : rows) {
            for (Value value : row) {
                size += value instanceof Value.Text text ? text.value().length() : 8;
            }
        }
        return size;
    }
}
