package isa.duckdb.adapters.grpc;

import java.time.Duration;

/**
 * One call as it ended, for the call log and for metrics listeners.
 *
 * @param callId 16 hex digits, also sent to the client as the {@code isa-call-id} response header and shown by
 *     ListRunningQueries
 * @param rpc the method without this service's prefix ({@code ExecuteQuery}); other services keep their full
 *     name ({@code grpc.health.v1.Health/Check})
 * @param tenant the request's {@code user_id} (empty when it has none)
 * @param database the request's {@code database_id} as given (id or name; empty when it has none)
 * @param code the gRPC status code name, or for a call answered {@code success=false}, the code word its
 *     error starts with ({@code NOT_FOUND}, …; {@code UNKNOWN} when it starts with none)
 * @param rows rows the call returned (row_count, streamed rows), affected, imported or exported
 * @param sql the request's SQL ({@code query}, {@code statement}, or a batch's {@code statements} joined with
 *     {@code ;\n}); empty for calls without SQL. Never cut here: whoever shows it cuts it.
 * @param forwardedTo the id of the instance this call was forwarded (or, when it could not be reached, was to be
 *     forwarded) to because it serves the database; that instance, when reached, ran the call and logs it too,
 *     with the same rows. Empty when the call was served here.
 */
public record FinishedCall(String callId, String rpc, String tenant, String database, String code,
        Duration duration, long rows, String sql, String forwardedTo) {

    /** A call served here ({@code forwardedTo} empty). */
    public FinishedCall(String callId, String rpc, String tenant, String database, String code, Duration duration,
            long rows, String sql) {
        this(callId, rpc, tenant, database, code, duration, rows, sql, "");
    }

    /** Whether the call succeeded: status OK and no response said {@code success=false}. */
    public boolean succeeded() {
        return "OK".equals(code);
    }
}
