package isa.duckdb.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table to create: columns, primary key and comment, checked the way DuckDB will see them
 * (names compare case-insensitively).
 */
public record TableDefinition(QualifiedName name, List<ColumnDefinition> columns, List<Identifier> primaryKey,
        String comment) {
    public static final int MAX_COLUMNS = 10_000;

    public TableDefinition {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        comment = comment == null ? "" : comment;
        if (columns.isEmpty()) {
            throw ServiceException.invalid("table '" + SafeText.quote(name.toString()) + "' needs at least one column");
        }
        if (columns.size() > MAX_COLUMNS) {
            throw ServiceException.invalid("a table has at most " + MAX_COLUMNS + " columns");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnDefinition column : columns) {
            if (!seen.add(key(column.name()))) {
                throw ServiceException.invalid("column '" + SafeText.quote(column.name().value()) + "' is given twice");
            }
        }
        Map<String, ColumnDefinition> byName = columns.stream()
                .collect(Collectors.toMap(c -> key(c.name()), Function.identity()));
        Set<String> keyColumns = new HashSet<>();
        for (Identifier key : primaryKey) {
            if (!byName.containsKey(key(key))) {
                throw ServiceException.invalid("primary key column '" + SafeText.quote(key.value())
                        + "' is not a column of the table");
            }
            if (!keyColumns.add(key(key))) {
                throw ServiceException.invalid("primary key column '" + SafeText.quote(key.value()) + "' is given twice");
            }
        }
    }

    private static String key(Identifier identifier) {
        return identifier.value().toLowerCase(Locale.ROOT);
    }
}
