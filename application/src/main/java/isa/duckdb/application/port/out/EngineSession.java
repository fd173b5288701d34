package isa.duckdb.application.port.out;

import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.FileOptions;
import java.nio.file.Path;
import java.util.List;

/** One connection to an open database, used by one call at a time. */
public interface EngineSession extends AutoCloseable {

    /**
     * Runs SQL (several statements allowed when it has no parameters). Rows of the last statement
     * come back as a cursor read incrementally; a statement without rows reports affected rows.
     * Cancelling the signal interrupts the running statement, or ends its cursor, with the signal's
     * kind (CANCELLED or DEADLINE_EXCEEDED). Errors: NOT_FOUND for a missing table, ALREADY_EXISTS
     * for a taken name, FAILED_PRECONDITION for a violated constraint, INVALID_ARGUMENT for bad SQL,
     * a wrong parameter count or a value that does not convert.
     */
    StatementOutcome run(BoundSql sql, CancellationSignal signal);

    /**
     * Loads a file into a table in one transaction: all rows or none.
     * @return rows imported; NOT_FOUND when the table is missing and may not be created
     */
    long importFile(FileImport request, CancellationSignal signal);

    /**
     * Writes a single query's result to a file in the database's scratch folder.
     * @return rows written
     */
    long exportQuery(String query, Path file, FileOptions options, CancellationSignal signal);

    /** A table expression that reads the file, to stand in for {@code $FILE} in a caller's query. */
    String fileReader(Path file, FileOptions options);

    /** DuckDB's type for each parameter of a single statement ({@code UNKNOWN} where it cannot tell). */
    List<String> parameterTypes(String sql);

    /** The database's catalog, read and changed through this session; the signal interrupts long reads. */
    SchemaCatalog catalog(CancellationSignal signal);

    /** Starts a transaction: later statements of this session are invisible to others until {@link #commit}. */
    void begin();

    /** Makes the transaction's work visible and durable. */
    void commit();

    /** Drops the transaction's work. */
    void rollback();

    /** Gives the connection back; an open transaction is dropped. */
    @Override
    void close();
}
