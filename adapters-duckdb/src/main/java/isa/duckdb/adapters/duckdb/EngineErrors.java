package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns DuckDB's errors into code-word errors a caller can read, with no server path in them. */
final class EngineErrors {
    private static final String PENDING_PREFIX =
            "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result";
    private static final Pattern QUOTED_ABSOLUTE_PATH = Pattern.compile("([\"'])/[^\"']*\\1");
    /** A path DuckDB cut short in its {@code LINE 1:} context: an opening quote and no closing one. */
    private static final Pattern UNTERMINATED_QUOTED_PATH = Pattern.compile("([\"'])/[^\"'\\s]*");
    /** A piece of a path next to the {@code ...} with which DuckDB shortens its {@code LINE 1:} context. */
    private static final Pattern CUT_PATH_PIECE = Pattern.compile("\\.\\.\\.[^\\s'\"]*/[^\\s'\"]*|[^\\s'\"]*/[^\\s'\"]*\\.\\.\\.");
    private static final Pattern BARE_ABSOLUTE_PATH = Pattern.compile("(?<=\\s|^)/(?:[\\w.-]+/)+[\\w.-]*");
    private static final int MAX_MESSAGE = 2000;
    private static final Pattern DUCKDB_ERROR_START = Pattern.compile("\\b[A-Z][A-Za-z]*(?: [a-z]+)? Error: ");

    private final String directory;

    EngineErrors(Path databaseDirectory) {
        this.directory = databaseDirectory == null ? null : databaseDirectory.toAbsolutePath().toString();
    }

    ServiceException translate(SQLException e, CancellationSignal signal) {
        return translate(e.getMessage(), signal);
    }

    /**
     * An engine error that reached us by another route than JDBC (the Arrow stream of a result):
     * DuckDB's own message is the part from its error type on ({@code Conversion Error: ...}).
     */
    ServiceException translate(Exception e, CancellationSignal signal) {
        String raw = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher start = DUCKDB_ERROR_START.matcher(raw);
        boolean found = start.find();
        String message = found ? raw.substring(start.start()) : raw;
        // Arrow's C data bridge wraps DuckDB's message as CDataJniException{errno=…, message=…}
        return translate(found && start.start() > 0 && message.endsWith("}")
                ? message.substring(0, message.length() - 1) : message, signal);
    }

    private ServiceException translate(String raw, CancellationSignal signal) {
        String message = clean(raw);
        if (message.startsWith("INTERRUPT Error") || (signal != null && signal.isCancelled())) {
            return signal != null && signal.isCancelled()
                    ? signal.asException("the query")
                    : new ServiceException(ErrorKind.CANCELLED, "the query was interrupted");
        }
        return new ServiceException(kindOf(message), message);
    }

    private String clean(String raw) {
        String message = raw == null ? "unknown engine error" : raw;
        if (message.startsWith(PENDING_PREFIX)) {
            message = message.substring(PENDING_PREFIX.length()).replaceFirst("^\\s*Error:\\s*", "");
        }
        if (directory != null) {
            message = message.replace(directory + "/", "").replace(directory, "");
        }
        message = QUOTED_ABSOLUTE_PATH.matcher(message).replaceAll("$1<path>$1");
        message = UNTERMINATED_QUOTED_PATH.matcher(message).replaceAll("$1<path>");
        message = CUT_PATH_PIECE.matcher(message).replaceAll("<path>");
        message = BARE_ABSOLUTE_PATH.matcher(message).replaceAll("<path>");
        message = message.strip();
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }

    private static ErrorKind kindOf(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.startsWith("catalog error")) {
            if (lower.contains("does not exist")) {
                return ErrorKind.NOT_FOUND;
            }
            return lower.contains("already exists") ? ErrorKind.ALREADY_EXISTS : ErrorKind.INVALID_ARGUMENT;
        }
        if (lower.startsWith("constraint error") || lower.startsWith("dependency error")) {
            return ErrorKind.FAILED_PRECONDITION;
        }
        if (lower.startsWith("transactioncontext error") || lower.startsWith("transaction error")) {
            return lower.contains("conflict") ? ErrorKind.ABORTED : ErrorKind.FAILED_PRECONDITION;
        }
        if (lower.startsWith("out of memory error")) {
            return ErrorKind.RESOURCE_EXHAUSTED;
        }
        if (lower.startsWith("internal error") || lower.startsWith("fatal error") || lower.startsWith("io error")) {
            return ErrorKind.INTERNAL;
        }
        return ErrorKind.INVALID_ARGUMENT;
    }
}
