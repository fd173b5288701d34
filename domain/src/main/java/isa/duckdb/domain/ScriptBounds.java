package isa.duckdb.domain;

/**
 * How much SQL one request may hand the engine (issue 12, huge scripts): DuckDB parses a whole script into
 * statements before it runs the first, and a script of a million statements takes seconds of CPU and gigabytes of
 * memory to parse. The text itself is bounded by the gRPC message limit (16 MiB).
 */
public final class ScriptBounds {
    /** Statements one request may hold, as {@code ExecuteBatch} allows. */
    public static final int MAX_STATEMENTS = 10_000;

    private ScriptBounds() {
    }

    /** RESOURCE_EXHAUSTED when the script holds more than {@link #MAX_STATEMENTS} statements. */
    public static void check(SqlScript script) {
        if (script.statementCount() > MAX_STATEMENTS) {
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the SQL text holds " + script.statementCount()
                    + " statements, more than the " + MAX_STATEMENTS + " one request may run; send fewer at once");
        }
    }
}
