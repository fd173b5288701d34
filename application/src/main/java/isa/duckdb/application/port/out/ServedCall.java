package isa.duckdb.application.port.out;

/**
 * The inbound call a piece of work serves, as the inbound adapter names it.
 *
 * @param callId the call's id, the same one its log line shows ({@code 16 hex digits} from the gRPC adapter)
 * @param rpc the RPC's method name, e.g. {@code ExecuteQueryStream}
 */
public record ServedCall(String callId, String rpc) {
    /** What work outside any inbound call (maintenance, tests) is attributed to. */
    public static final ServedCall NONE = new ServedCall("", "");
}
