package isa.duckdb.e2e;

/** A check could not run because a check it needs (e.g. the export an import reads) did not pass. */
final class CheckSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckSkipped(String reason) {
        super(reason);
    }
}
