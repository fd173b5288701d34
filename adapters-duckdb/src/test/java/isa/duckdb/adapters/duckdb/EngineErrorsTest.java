package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineErrorsTest {
    private static final String PENDING = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending"
            + " query result\nError: ";
    private final EngineErrors errors = new EngineErrors(Path.of("/srv/data/tenant-a/db-1"));

    private ServiceException translate(String message) {
        return errors.translate(new SQLException(message), CancellationSignal.none());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Catalog Error: Table with name nowhere does not exist!|NOT_FOUND",
        "Catalog Error: Table with name \"t\" already exists!|ALREADY_EXISTS",
        "Catalog Error: Existing object v is of type View, trying to drop type Table|INVALID_ARGUMENT",
        "Constraint Error: Duplicate key \"id: 1\" violates primary key constraint.|FAILED_PRECONDITION",
        "Dependency Error: Cannot drop entry \"t\" because there are entries that depend on it.|FAILED_PRECONDITION",
        "TransactionContext Error: Catalog write-write conflict on create with \"t\"|ABORTED",
        "Transaction Error: Current transaction is aborted (please ROLLBACK)|FAILED_PRECONDITION",
        "Out of Memory Error: could not allocate block of size 256.0 KiB|RESOURCE_EXHAUSTED",
        "INTERNAL Error: Attempted to access index 3 within vector of size 3|INTERNAL",
        "FATAL Error: Failed: database has been invalidated|INTERNAL",
        "IO Error: Could not read from file|INTERNAL",
        "Parser Error: syntax error at or near \"SELEC\"|INVALID_ARGUMENT",
        "Binder Error: Referenced column \"x\" not found in FROM clause!|INVALID_ARGUMENT",
        "Conversion Error: Could not convert string 'abc' to INT32|INVALID_ARGUMENT",
        "Permission Error: Cannot access file - file system operations are disabled by configuration|INVALID_ARGUMENT",
    })
    void eachDuckDbErrorClassMapsToTheKindACallerActsOn(String message, ErrorKind kind) {
        ServiceException translated = translate(message);

        assertThat(translated.kind()).isEqualTo(kind);
        assertThat(translated.detail()).isEqualTo(message);
    }

    @Test
    void theDriversPendingQueryWrapperIsRemovedSoTheRealErrorDecidesTheKind() {
        ServiceException translated = translate(PENDING + "Catalog Error: Table with name nowhere does not exist!");

        assertThat(translated.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(translated.detail()).isEqualTo("Catalog Error: Table with name nowhere does not exist!");
    }

    @Test
    void theDatabaseFolderIsRemovedFromMessagesLeavingTheFileName() {
        ServiceException translated = translate("IO Error: The file \"/srv/data/tenant-a/db-1/main.duckdb\" exists,"
                + " but it is not a valid DuckDB database file!");

        assertThat(translated.detail()).isEqualTo("IO Error: The file \"main.duckdb\" exists, but it is not a valid"
                + " DuckDB database file!");
    }

    @Test
    void otherAbsolutePathsBecomeAPlaceholderQuotedOrBareIncludingInTheLineContext() {
        ServiceException translated = translate(PENDING + "Permission Error: Cannot access file \"/etc/passwd\" - file"
                + " system operations are disabled by configuration\n\nLINE 1: SELECT * FROM read_csv('/etc/passwd')\n"
                + "                      ^\nsee /var/lib/duckdb/extensions/v1.5.6 for more");

        assertThat(translated.detail()).doesNotContain("/etc", "/var/lib")
                .contains("Cannot access file \"<path>\"")
                .contains("LINE 1: SELECT * FROM read_csv('<path>')")
                .contains("see <path> for more");
        assertThat(translated.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void aPathDuckDbCutShortInItsLineContextLeavesNoPieceBehind() {
        ServiceException translated = translate(PENDING + "Permission Error: Cannot access file"
                + " \"/srv/data/tenant-a/db-1/scratch/query-1.csv\" - file system operations are disabled by"
                + " configuration\n\nLINE 1: SELECT * FROM read_csv('/srv/data/ten...\n"
                + "                      ^");
        ServiceException leftCut = translate("Binder Error: Referenced column \"x\" not found\n\n"
                + "LINE 1: ...ta/tenant-a/db-1/scratch/query-1.csv') WHERE x = 1\n                      ^");

        assertThat(translated.detail()).doesNotContain("srv", "data/", "ten...")
                .contains("LINE 1: SELECT * FROM read_csv('<path>");
        assertThat(leftCut.detail()).doesNotContain("tenant-a", "scratch", "query-1")
                .contains("LINE 1: <path>') WHERE x = 1");
    }

    @Test
    void aVeryLongMessageIsCutTo2000CharactersAndMarked() {
        ServiceException translated = translate("Binder Error: " + "x".repeat(5000));

        assertThat(translated.detail()).hasSize(2001).endsWith("…");
    }

    @Test
    void aMessagelessErrorStillSaysSomething() {
        ServiceException translated = errors.translate(new SQLException((String) null), null);

        assertThat(translated.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(translated.detail()).isEqualTo("unknown engine error");
    }

    @Test
    void anInterruptWithoutACancelledSignalIsCancelled() {
        ServiceException translated = errors.translate(new SQLException("INTERRUPT Error: Interrupted!"), null);

        assertThat(translated.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(translated.detail()).isEqualTo("the query was interrupted");
    }

    @Test
    void aCancelledSignalDecidesTheKindWhateverDuckDbSaid() {
        CancellationSignal signal = CancellationSignal.none();
        signal.cancel(ErrorKind.DEADLINE_EXCEEDED);

        ServiceException translated = errors.translate(new SQLException("Invalid Input Error: something else"), signal);

        assertThat(translated.kind()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED);
    }

    @Test
    void anErrorFromTheArrowStreamWithoutDuckDbsPrefixIsTranslatedAsItIs() {
        ServiceException translated = errors.translate(new IllegalStateException("Arrow buffer could not be allocated"),
                CancellationSignal.none());

        assertThat(translated.getMessage()).isEqualTo("INVALID_ARGUMENT: Arrow buffer could not be allocated");
    }
}
