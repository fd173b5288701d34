package isa.duckdb.domain;

import java.util.Optional;

/**
 * A table a caller names, optionally with its schema ({@code sales} or {@code main.sales}),
 * each part quoted when it becomes SQL, so no name can inject.
 */
public record TableRef(Optional<String> schema, String table) {
    private static final int MAX_PART = 255;

    public TableRef {
        checkPart(table, "table_name");
        schema.ifPresent(s -> checkPart(s, "schema name"));
    }

    /** {@code name} or {@code schema.name}; a dot inside a name needs double quotes in SQL, not here. */
    public static TableRef parse(String name) {
        if (name == null || name.isBlank()) {
            throw ServiceException.invalid("table_name is required");
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return new TableRef(Optional.empty(), name);
        }
        return new TableRef(Optional.of(name.substring(0, dot)), name.substring(dot + 1));
    }

    private static void checkPart(String part, String what) {
        if (part == null || part.isEmpty() || part.length() > MAX_PART || part.indexOf('\0') >= 0
                || part.chars().anyMatch(Character::isISOControl)) {
            throw ServiceException.invalid(what + " '" + SafeText.quote(String.valueOf(part))
                    + "' must be 1 to " + MAX_PART + " characters without control characters");
        }
    }

    /** The name as SQL: each part in double quotes, inner quotes doubled. */
    public String quoted() {
        return schema.map(s -> quote(s) + ".").orElse("") + quote(table);
    }

    private static String quote(String part) {
        return '"' + part.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return schema.map(s -> s + ".").orElse("") + table;
    }
}
