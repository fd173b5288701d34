package isa.duckdb.domain;

/** Text as a standard SQL string literal: in single quotes, inner quotes doubled, no NUL. */
public final class SqlLiteral {
    private SqlLiteral() {
    }

    public static String string(String text) {
        if (text.indexOf('\0') >= 0) {
            throw ServiceException.invalid("text contains a NUL character");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
