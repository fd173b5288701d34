package isa.duckdb.domain;

/**
 * A column or return type as a caller wrote it ({@code INTEGER}, {@code DECIMAL(18,3)},
 * {@code STRUCT(a INTEGER)[]}, {@code ENUM('a','b')}). Lexically one piece of SQL here; the engine
 * adapter also has DuckDB parse it as exactly one type before it is used.
 */
public record SqlType(String text) {

    public SqlType {
        text = SqlFragmentCheck.check("data type", text);
    }

    /** @param what how to name the text in an error, e.g. "data_type of column 'id'" */
    public static SqlType of(String what, String text) {
        return new SqlType(SqlFragmentCheck.check(what, text));
    }

    @Override
    public String toString() {
        return text;
    }
}
