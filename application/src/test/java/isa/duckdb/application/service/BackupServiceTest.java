package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServiceHarness.LENAS_BUCKET;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.BackupOutcome;
import isa.duckdb.application.port.in.DatabaseView;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BackupDatabase and RestoreDatabase: copies under {@code backups/} in the tenant's own bucket. */
class BackupServiceTest {
    @TempDir
    Path work;
    private final InMemoryQueryEngine engine = new InMemoryQueryEngine();
    private ServiceHarness harness;
    private BackupService backups;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        backups = harness.backups();
        harness.create(LENA, "sales");
    }

    private byte[] object(String key) {
        return harness.storage.get(LENAS_BUCKET, key).orElseThrow();
    }

    private List<String> keys(String prefix) {
        return harness.storage.list(LENAS_BUCKET, prefix).stream().map(StoredObject::key).toList();
    }

    /** Nothing of a restore's download is left in the working folders. */
    private List<Path> leftoverFiles() throws Exception {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains(".incoming")).toList();
        }
    }

    @Test
    void aBackupIsACopyOfTheDatabaseFileUnderBackupsStampedWithTheClock() {
        harness.clock.advance(Duration.ofMinutes(90));

        BackupOutcome outcome = backups.backup(LENA, "sales", "", false);

        assertThat(outcome.path()).isEqualTo("backups/sales-20240301T133000.123Z.duckdb");
        assertThat(outcome.time()).isEqualTo(ServicesFixture.START.plus(Duration.ofMinutes(90)));
        assertThat(object(outcome.path())).isEqualTo(object("sales.duckdb"));
        assertThat(outcome.size()).isEqualTo(object("sales.duckdb").length);
        assertThat(outcome.message()).contains("full backup of 'sales'", outcome.path());
    }

    @Test
    void aBackupHoldsChangesNotYetWrittenBackAndARestoreReadsThem() {
        harness.queries().execute(new StatementCommand(LENA, "sales", "CREATE TABLE orders (id INTEGER); "
                + "INSERT INTO orders VALUES (1), (2)", "", Map.of(), 0), CancellationSignal.none());

        String path = backups.backup(LENA, "sales", "", false).path();
        DatabaseView restored = backups.restore(LENA, path, "restored");

        assertThat(restored.tableCount()).isEqualTo(1);
        assertThat(harness.databases().describe(LENA, "restored").tableCount()).isEqualTo(1);
        try (OpenQuery query = harness.queries().open(new QueryCommand(LENA, "restored", "SELECT count(*) FROM orders",
                "", Map.of(), 0, 0), CancellationSignal.none())) {
            assertThat(query.next(1).toRows().get(0)[0]).isEqualTo(new Value.Int(2));
        }
    }

    @Test
    void aFileWithTheRightHeaderThatTheEngineCannotOpenIsRefused() throws Exception {
        String path = backups.backup(LENA, "sales", "", false).path();
        engine.failNextOpen(new ServiceException(ErrorKind.INTERNAL, "IO Error: the file is damaged"));

        String message = failureOf(() -> backups.restore(LENA, path, "copy"), ErrorKind.INVALID_ARGUMENT).getMessage();

        assertThat(message).contains("not a readable DuckDB database").doesNotContain("IO Error");
        assertThat(harness.storage.stat(LENAS_BUCKET, "copy.duckdb")).isEmpty();
        assertThat(leftoverFiles()).isEmpty();
    }

    @Test
    void aNamedBackupCarriesItsNameAndANameThatCannotBeAKeyIsRefused() {
        String sales = harness.catalog.resolve(LENA, "sales").id();

        assertThat(backups.backup(LENA, sales, "before-migration", false).path())
                .isEqualTo("backups/before-migration-20240301T120000.123Z.duckdb");
        failureOf(() -> backups.backup(LENA, "sales", "../escape", false), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void anIncrementalBackupIsAFullCopyAndSaysSo() {
        BackupOutcome outcome = backups.backup(LENA, "sales", "", true);

        assertThat(outcome.message()).contains("incremental backups are not supported");
        assertThat(keys("backups/")).containsExactly(outcome.path());
    }

    @Test
    void backingUpAMissingDatabaseIsNotFound() {
        failureOf(() -> backups.backup(LENA, "nope", "", false), ErrorKind.NOT_FOUND);
        failureOf(() -> backups.backup(ServiceHarness.MIA, "sales", "", false), ErrorKind.NOT_FOUND);
    }

    @Test
    void aRestoreMakesANewDatabaseFromTheBackup() throws Exception {
        String path = backups.backup(LENA, "sales", "", false).path();
        harness.clock.advance(Duration.ofMinutes(1));

        DatabaseView restored = backups.restore(LENA, path, "sales_copy");

        assertThat(restored.descriptor().name().value()).isEqualTo("sales_copy");
        assertThat(restored.descriptor().metadata()).containsEntry("restored_from", path);
        assertThat(restored.descriptor().createdAt()).isEqualTo(ServicesFixture.START.plus(Duration.ofMinutes(1)));
        assertThat(object("sales_copy.duckdb")).isEqualTo(object(path));
        assertThat(harness.catalog.resolve(LENA, restored.descriptor().id()).name().value()).isEqualTo("sales_copy");
        assertThat(keys(".meta/")).contains(".meta/sales_copy.properties");
        assertThat(leftoverFiles()).isEmpty();
    }

    @Test
    void aBackupPathMayNameTheOwnBucket() {
        String path = backups.backup(LENA, "sales", "", false).path();

        backups.restore(LENA, LENAS_BUCKET + "/" + path, "copy_a");
        backups.restore(LENA, "s3://" + LENAS_BUCKET + "/" + path, "copy_b");

        assertThat(keys("")).contains("copy_a.duckdb", "copy_b.duckdb");
    }

    @Test
    void aBackupInAnotherTenantsBucketIsRefused() {
        harness.create(ServiceHarness.MIA, "secrets");
        String miasBackup = harness.backups().backup(ServiceHarness.MIA, "secrets", "", false).path();

        failureOf(() -> backups.restore(LENA, "s3://user-mia-duckdb/" + miasBackup, "stolen"),
                ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> backups.restore(LENA, "user-mia-duckdb/" + miasBackup, "stolen"), ErrorKind.NOT_FOUND);
        assertThat(harness.storage.stat(LENAS_BUCKET, "stolen.duckdb")).isEmpty();
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndNothingIsCreated() throws Exception {
        harness.storage.put(LENAS_BUCKET, "backups/notes.duckdb", "just text".getBytes(StandardCharsets.UTF_8));

        String message = failureOf(() -> backups.restore(LENA, "backups/notes.duckdb", "notes"),
                ErrorKind.INVALID_ARGUMENT).getMessage();

        assertThat(message).contains("not a DuckDB database");
        assertThat(harness.storage.stat(LENAS_BUCKET, "notes.duckdb")).isEmpty();
        assertThat(keys(".meta/")).containsExactly(".meta/sales.properties");
        assertThat(leftoverFiles()).isEmpty();
    }

    @Test
    void restoringOverAnExistingNameIsRefused() {
        String path = backups.backup(LENA, "sales", "", false).path();

        failureOf(() -> backups.restore(LENA, path, "sales"), ErrorKind.ALREADY_EXISTS);
    }

    @Test
    void restoringAMissingBackupIsNotFound() {
        failureOf(() -> backups.restore(LENA, "backups/none.duckdb", "x"), ErrorKind.NOT_FOUND);
    }

    @Test
    void aRestoreNeedsABackupPathAndANewName() {
        failureOf(() -> backups.restore(LENA, "", "x"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> backups.restore(LENA, "backups/a.duckdb", " "), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> backups.restore(LENA, "../a.duckdb", "x"), ErrorKind.INVALID_ARGUMENT);
    }
}
