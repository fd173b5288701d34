package isa.duckdb.domain;

/**
 * A caller's SQL expression (a column default, a function body), lexically one piece of SQL:
 * it is always placed inside parentheses the service writes, which it cannot close early.
 */
public record SqlExpression(String text) {

    public SqlExpression {
        text = SqlFragmentCheck.check("expression", text);
    }

    /** @param what how to name the text in an error, e.g. "default_value of column 'id'" */
    public static SqlExpression of(String what, String text) {
        return new SqlExpression(SqlFragmentCheck.check(what, text));
    }

    @Override
    public String toString() {
        return text;
    }
}
