package isa.duckdb.application.port.out;

import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import java.util.List;

/** One connection to an open database, used by one call at a time. */
public interface EngineSession extends AutoCloseable {

    /**
     * Runs SQL (several statements allowed when it has no parameters). Rows of the last statement
     * come back as a cursor read incrementally; a statement without rows reports affected rows.
     * Cancelling the signal interrupts the running statement.
     */
    StatementOutcome run(BoundSql sql, CancellationSignal signal);

    /** DuckDB's type for each parameter of a single statement ({@code UNKNOWN} where it cannot tell). */
    List<String> parameterTypes(String sql);

    /** The database's catalog, read and changed through this session; the signal interrupts long reads. */
    SchemaCatalog catalog(CancellationSignal signal);

    void begin();

    void commit();

    void rollback();

    @Override
    void close();
}
