package isa.duckdb.domain;

/**
 * The name of a table, view, column, schema, function or parameter as a caller gave it. Any text
 * works (DuckDB quotes it), within limits: not empty, at most {@value #MAX_LENGTH} characters,
 * no NUL. It only ever reaches SQL through {@link #quoted()}.
 */
public record Identifier(String value) {
    public static final int MAX_LENGTH = 255;

    public Identifier {
        if (value == null || value.isEmpty()) {
            throw ServiceException.invalid("a name is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw ServiceException.invalid("name '" + SafeText.quote(value) + "' is longer than " + MAX_LENGTH
                    + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw ServiceException.invalid("name '" + SafeText.quote(value) + "' contains a NUL character");
        }
    }

    public static Identifier of(String value) {
        return new Identifier(value);
    }

    /** {@code "value"} with inner double quotes doubled: always one identifier, whatever the text. */
    public String quoted() {
        return quote(value);
    }

    /**
     * A name the engine's own catalog reported (so it may be longer than a caller could give),
     * quoted the same way.
     */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return value;
    }
}
