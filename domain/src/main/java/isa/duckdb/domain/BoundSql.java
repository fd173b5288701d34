package isa.duckdb.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQL and its parameter values in binding order. Parameters keyed {@code "1","2",…} bind to
 * {@code ?}/{@code $1} placeholders as they are; parameters keyed by name bind to {@code $name}
 * placeholders, which are renumbered so that DuckDB binds them by position.
 */
public record BoundSql(String sql, List<Value> values) {

    public BoundSql {
        values = List.copyOf(values);
    }

    public static BoundSql of(String sql, Map<String, Value> parameters) {
        if (parameters.isEmpty()) {
            return new BoundSql(sql, List.of());
        }
        boolean allNumbered = parameters.keySet().stream().allMatch(BoundSql::isNumber);
        boolean noneNumbered = parameters.keySet().stream().noneMatch(BoundSql::isNumber);
        if (allNumbered) {
            return positional(sql, parameters);
        }
        if (noneNumbered) {
            return named(sql, parameters);
        }
        throw ServiceException.invalid("parameters must be keyed either all by position (\"1\", \"2\", …) or all by name");
    }

    private static BoundSql positional(String sql, Map<String, Value> parameters) {
        TreeMap<Integer, Value> ordered = new TreeMap<>();
        parameters.forEach((key, value) -> {
            if (ordered.put(Integer.parseInt(key), value) != null) {
                throw ServiceException.invalid("positional parameter " + Integer.parseInt(key) + " is given twice");
            }
        });
        List<Value> values = new ArrayList<>();
        int expected = 1;
        for (Map.Entry<Integer, Value> entry : ordered.entrySet()) {
            if (entry.getKey() != expected) {
                throw ServiceException.invalid("positional parameters must be numbered 1.." + ordered.size()
                        + " without gaps; parameter " + expected + " is missing");
            }
            values.add(entry.getValue());
            expected++;
        }
        return new BoundSql(sql, values);
    }

    private static BoundSql named(String sql, Map<String, Value> parameters) {
        Map<String, Value> byName = new HashMap<>();
        parameters.forEach((key, value) -> {
            String name = key.startsWith("$") ? key.substring(1) : key;
            if (byName.put(name, value) != null) {
                throw ServiceException.invalid("parameter '" + SafeText.quote(name) + "' is given twice");
            }
        });
        Map<String, Integer> positions = new HashMap<>();
        List<Value> values = new ArrayList<>();
        StringBuilder rewritten = new StringBuilder(sql.length());
        for (SqlToken token : SqlLexer.tokenize(sql)) {
            String text = token.text(sql);
            if (isPositionalPlaceholder(token, text)) {
                throw ServiceException.invalid("the statement mixes positional placeholders (" + SafeText.quote(text)
                        + ") with parameters given by name");
            }
            if (isNamedPlaceholder(token, text)) {
                String name = text.substring(1);
                if (!byName.containsKey(name)) {
                    throw ServiceException.invalid("no value given for parameter $" + name);
                }
                Integer position = positions.computeIfAbsent(name, n -> {
                    values.add(byName.get(n));
                    return values.size();
                });
                rewritten.append('$').append(position);
            } else {
                rewritten.append(text);
            }
        }
        for (String name : byName.keySet()) {
            if (!positions.containsKey(name)) {
                throw ServiceException.invalid("parameter '" + name + "' does not appear in the statement as $" + name);
            }
        }
        return new BoundSql(rewritten.toString(), values);
    }

    private static boolean isNamedPlaceholder(SqlToken token, String text) {
        return token.kind() == SqlToken.Kind.PARAMETER && text.startsWith("$") && !isNumber(text.substring(1));
    }

    private static boolean isPositionalPlaceholder(SqlToken token, String text) {
        return token.kind() == SqlToken.Kind.PARAMETER && !isNamedPlaceholder(token, text);
    }

    private static boolean isNumber(String key) {
        return !key.isEmpty() && key.length() <= 5 && key.chars().allMatch(Character::isDigit);
    }
}
