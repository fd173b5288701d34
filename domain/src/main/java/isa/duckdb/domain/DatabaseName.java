package isa.duckdb.domain;

import java.util.regex.Pattern;

/**
 * A database name as a tenant chose it. It becomes an object key ({@code {name}.duckdb}) and a
 * folder name, so it can never contain a separator, start with a dot or be a dot-dot.
 */
public record DatabaseName(String value) {
    public static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    public DatabaseName {
        if (value == null || value.isEmpty()) {
            throw ServiceException.invalid("database name is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw ServiceException.invalid("database name is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches() || value.contains("..")) {
            throw ServiceException.invalid("database name '" + SafeText.quote(value)
                    + "' may only contain letters, digits, '_', '-' and '.', and may not start with '.' or '-'");
        }
    }

    public static DatabaseName of(String value) {
        return new DatabaseName(value);
    }

    public static boolean isValid(String value) {
        try {
            new DatabaseName(value);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
