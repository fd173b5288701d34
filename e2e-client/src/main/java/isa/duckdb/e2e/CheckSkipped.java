package isa.duckdb.e2e;

/** A check could not run for a reason it states (e.g. what it needs is UNIMPLEMENTED). */
final class CheckSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckSkipped(String reason) {
        super(reason);
    }
}
