package isa.duckdb.application.port.out;

import java.util.Optional;

/** What a statement produced: rows to read, or a count of affected rows. */
public record StatementOutcome(Optional<RowCursor> rows, long affectedRows) {

    public static StatementOutcome rows(RowCursor cursor) {
        return new StatementOutcome(Optional.of(cursor), 0);
    }

    public static StatementOutcome affected(long count) {
        return new StatementOutcome(Optional.empty(), Math.max(count, 0));
    }
}
