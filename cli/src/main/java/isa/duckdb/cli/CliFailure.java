package isa.duckdb.cli;

import io.grpc.StatusRuntimeException;

/**
 * A command that failed: the service's code word ({@code NOT_FOUND}, …, the gRPC status name when the answer
 * was a status) or one of the client's own ({@code FILE}, {@code USAGE}), and the message to show.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    CliFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    /** An answer with {@code success=false}: its error starts with the code word (wire contract, "Errors"). */
    static CliFailure fromError(String error) {
        int colon = error.indexOf(':');
        String word = colon > 0 ? error.substring(0, colon) : "";
        return new CliFailure(word.matches("[A-Z_]+") ? word : "UNKNOWN", error);
    }

    /** An answer that was a gRPC status. */
    static CliFailure fromStatus(StatusRuntimeException e) {
        String description = e.getStatus().getDescription();
        String code = e.getStatus().getCode().name();
        return new CliFailure(code, description == null || description.isEmpty() ? code
                : description.startsWith(code + ":") ? description : code + ": " + description);
    }

    String code() {
        return code;
    }
}
