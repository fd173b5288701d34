package isa.duckdb.domain;

/**
 * SQL text shown to operators (running queries, slow-query log lines): at most {@link #MAX_CHARS}
 * characters, never ending inside a surrogate pair; the rest is dropped and marked with {@code …}.
 */
public final class SqlExcerpt {
    /** The most characters of a statement an operator sees (issue 14: "cut to 1,000 characters"). */
    public static final int MAX_CHARS = 1_000;

    private SqlExcerpt() {
    }

    /** {@code sql} itself when it is at most {@link #MAX_CHARS} long, else its first characters and {@code …}; null is empty. */
    public static String of(String sql) {
        if (sql == null) {
            return "";
        }
        if (sql.length() <= MAX_CHARS) {
            return sql;
        }
        int end = Character.isHighSurrogate(sql.charAt(MAX_CHARS - 2)) ? MAX_CHARS - 2 : MAX_CHARS - 1;
        return sql.substring(0, end) + "…";
    }
}
