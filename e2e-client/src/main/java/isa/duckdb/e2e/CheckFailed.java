package isa.duckdb.e2e;

/** A check saw an answer other than the one the contract promises. */
final class CheckFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckFailed(String reason) {
        super(reason);
    }
}
