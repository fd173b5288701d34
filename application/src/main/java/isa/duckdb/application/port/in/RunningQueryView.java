package isa.duckdb.application.port.in;

import java.time.Duration;
import java.time.Instant;

/**
 * A query running now, as operators see it (ListRunningQueries).
 *
 * @param callId the id of the call running it (its log line shows the same id); {@code CancelQuery} takes it
 * @param tenant the tenant whose database it runs on
 * @param database the database's name
 * @param rpc the RPC running it ({@code ExecuteQuery}, {@code ExecuteQueryStream}, {@code ExecuteStatement},
 *     {@code ExecuteBatch}, …)
 * @param sql the SQL text, at most {@link isa.duckdb.domain.SqlExcerpt#MAX_CHARS} characters (a batch's
 *     statements joined with {@code ;\n})
 * @param elapsed time since it started
 * @param rowsProduced rows handed out so far (for statements and batches: rows affected by the finished ones)
 */
public record RunningQueryView(String callId, String tenant, String database, String rpc, String sql,
        Instant startedAt, Duration elapsed, long rowsProduced) {
}
