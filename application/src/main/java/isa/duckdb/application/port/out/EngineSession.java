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
     * Cancelling the signal interrupts the running statement.
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

    void begin();

    void commit();

    void rollback();

    @Override
    void close();
}
