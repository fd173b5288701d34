package isa.duckdb.application.port.out;

/**
 * Told about every SQL statement run for a caller (ExecuteQuery/Stream/Statement/Batch), e.g. to export a
 * latency histogram. Called on the thread that ran the statement; must be quick and must not throw.
 */
@FunctionalInterface
public interface QueryObserver {
    /** An observer that does nothing. */
    QueryObserver NONE = (engineNanos, succeeded) -> { };

    /**
     * @param engineNanos time inside the engine (running, producing rows; not waiting for a slow client)
     * @param succeeded false when the engine refused the statement or it failed while running
     */
    void statementFinished(long engineNanos, boolean succeeded);
}
