package isa.duckdb.domain;

/**
 * A failure with a kind and a message that is safe to show a caller: no stack trace, no server
 * path, no credential. {@link #getMessage()} starts with the kind's code word.
 */
public class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String detail;

    public ServiceException(ErrorKind kind, String detail) {
        this(kind, detail, null);
    }

    public ServiceException(ErrorKind kind, String detail, Throwable cause) {
        super(kind.name() + ": " + detail, cause);
        this.kind = kind;
        this.detail = detail;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The message without the code word. */
    public String detail() {
        return detail;
    }

    public static ServiceException invalid(String detail) {
        return new ServiceException(ErrorKind.INVALID_ARGUMENT, detail);
    }

    public static ServiceException notFound(String detail) {
        return new ServiceException(ErrorKind.NOT_FOUND, detail);
    }

    public static ServiceException alreadyExists(String detail) {
        return new ServiceException(ErrorKind.ALREADY_EXISTS, detail);
    }

    public static ServiceException failedPrecondition(String detail) {
        return new ServiceException(ErrorKind.FAILED_PRECONDITION, detail);
    }
}
