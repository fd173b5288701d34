package isa.duckdb.cli;

/**
 * The process exit code for each kind of failure (README, "Command-line client"): scripts can tell a
 * missing database from an unreachable service without reading the message.
 */
final class ExitCodes {
    static final int OK = 0;
    /** The service failed (INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED) or the client did. */
    static final int FAILED = 1;
    /** picocli's code for wrong options or arguments. */
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int ALREADY_EXISTS = 4;
    /** The request was refused as it stands: INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE. */
    static final int REFUSED = 5;
    /** PERMISSION_DENIED, UNAUTHENTICATED. */
    static final int DENIED = 6;
    /** The service could not be reached or did not answer in time: UNAVAILABLE, DEADLINE_EXCEEDED. */
    static final int UNAVAILABLE = 7;
    static final int RESOURCE_EXHAUSTED = 8;
    /** CANCELLED (e.g. by an operator's CancelQuery), ABORTED. */
    static final int CANCELLED = 9;
    /** A local file could not be read or written. */
    static final int FILE = 10;

    private ExitCodes() {
    }

    static int of(String code) {
        return switch (code) {
            case "NOT_FOUND" -> NOT_FOUND;
            case "ALREADY_EXISTS" -> ALREADY_EXISTS;
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> REFUSED;
            case "PERMISSION_DENIED", "UNAUTHENTICATED" -> DENIED;
            case "UNAVAILABLE", "DEADLINE_EXCEEDED" -> UNAVAILABLE;
            case "RESOURCE_EXHAUSTED" -> RESOURCE_EXHAUSTED;
            case "CANCELLED", "ABORTED" -> CANCELLED;
            case "FILE" -> FILE;
            case "USAGE" -> USAGE;
            default -> FAILED;
        };
    }
}
