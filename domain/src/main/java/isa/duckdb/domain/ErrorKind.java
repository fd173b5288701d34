package isa.duckdb.domain;

/** The stable code words that start every error text (the gRPC status names). */
public enum ErrorKind {
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    FAILED_PRECONDITION,
    RESOURCE_EXHAUSTED,
    UNAVAILABLE,
    ABORTED,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    DEADLINE_EXCEEDED,
    CANCELLED,
    UNIMPLEMENTED,
    INTERNAL
}
