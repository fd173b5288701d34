package isa.duckdb.domain;

import java.util.regex.Pattern;

/** A plain extension name ({@code parquet}, {@code core_functions}): never a path, URL or option. */
public record ExtensionName(String value) {
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_]{1,64}");

    public ExtensionName {
        if (value == null || !PLAIN.matcher(value).matches()) {
            throw ServiceException.invalid("extension name '" + SafeText.quote(value == null ? "" : value)
                    + "' must be 1 to 64 characters of a-z, 0-9 and '_'");
        }
    }

    public static ExtensionName of(String value) {
        return new ExtensionName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
