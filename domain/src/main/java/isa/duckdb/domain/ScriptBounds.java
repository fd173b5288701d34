package isa.duckdb.domain;

/**
 * How much SQL one request may hand the engine (issue 12, huge scripts): DuckDB parses a whole script into
 * statements before it runs the first, and a script of a million statements takes seconds of CPU and gigabytes of
 * memory to parse, and the service's own lexer reads about 6 MB a second. {@link #checkText} refuses what is too
 * long before anything parses it; {@link #check} counts the statements exactly.
 */
public final class ScriptBounds {
    /** Statements one request may hold, as {@code ExecuteBatch} allows. */
    public static final int MAX_STATEMENTS = 10_000;

    /** Characters of SQL text one request may hold (4 Mi), well under the gRPC message limit (16 MiB). */
    public static final int MAX_SQL_CHARS = 4 << 20;

    private ScriptBounds() {
    }

    /**
     * RESOURCE_EXHAUSTED when the text is longer than {@link #MAX_SQL_CHARS} or has more than {@link #MAX_STATEMENTS}
     * semicolons (an upper bound of its statements, counted without parsing).
     */
    public static void checkText(String sql) {
        if (sql.length() > MAX_SQL_CHARS) {
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the SQL text is " + sql.length()
                    + " characters long, more than the " + MAX_SQL_CHARS + " one request may hold; load data with"
                    + " ImportData instead");
        }
        long semicolons = sql.chars().filter(c -> c == ';').count();
        if (semicolons > MAX_STATEMENTS) {
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the SQL text has " + semicolons
                    + " semicolons, more than the " + MAX_STATEMENTS + " statements one request may run; send fewer"
                    + " at once");
        }
    }

    /** RESOURCE_EXHAUSTED when the script holds more than {@link #MAX_STATEMENTS} statements. */
    public static void check(SqlScript script) {
        if (script.statementCount() > MAX_STATEMENTS) {
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the SQL text holds " + script.statementCount()
                    + " statements, more than the " + MAX_STATEMENTS + " one request may run; send fewer at once");
        }
    }
}
