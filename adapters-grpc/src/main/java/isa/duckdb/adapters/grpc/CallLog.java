package isa.duckdb.adapters.grpc;

import isa.duckdb.domain.SqlExcerpt;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per finished call (logger {@code isa.duckdb.call}, INFO, message {@code call finished}) with
 * the key-value pairs {@code call_id}, {@code rpc}, {@code tenant}, {@code database}, {@code code},
 * {@code duration_ms}, {@code rows}, and for a call forwarded (or, when unreachable, to be forwarded) to the
 * instance serving its database {@code forwarded_to} (that instance's id; when reached, it logs the call too); and
 * for a call with SQL that took at least the slow-query threshold, a
 * second line (logger {@code isa.duckdb.slow_query}, WARN, message {@code slow query}) with the same pairs and
 * {@code sql}, cut to {@link SqlExcerpt#MAX_CHARS} characters. Neither carries parameters, metadata (tokens)
 * or server paths. In JSON format (README, "Logs") each pair is a field of the line.
 */
public final class CallLog implements CallListener {
    static final Logger CALLS = LoggerFactory.getLogger("isa.duckdb.call");
    static final Logger SLOW_QUERIES = LoggerFactory.getLogger("isa.duckdb.slow_query");

    private final Duration slowQuery;

    /** @param slowQuery calls with SQL taking at least this long also get a slow-query line */
    public CallLog(Duration slowQuery) {
        this.slowQuery = slowQuery;
    }

    @Override
    public void finished(FinishedCall call) {
        if (CALLS.isInfoEnabled()) {
            pairs(CALLS.atInfo(), call).log("call finished");
        }
        if (!call.sql().isEmpty() && call.duration().compareTo(slowQuery) >= 0 && SLOW_QUERIES.isWarnEnabled()) {
            pairs(SLOW_QUERIES.atWarn(), call).addKeyValue("sql", SqlExcerpt.of(call.sql())).log("slow query");
        }
    }

    private static LoggingEventBuilder pairs(LoggingEventBuilder builder, FinishedCall call) {
        LoggingEventBuilder line = builder.addKeyValue("call_id", call.callId())
                .addKeyValue("rpc", call.rpc())
                .addKeyValue("tenant", call.tenant())
                .addKeyValue("database", call.database())
                .addKeyValue("code", call.code())
                .addKeyValue("duration_ms", call.duration().toNanos() / 1_000_000.0)
                .addKeyValue("rows", call.rows());
        return call.forwardedTo().isEmpty() ? line : line.addKeyValue("forwarded_to", call.forwardedTo());
    }
}
