package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.DatabaseName;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The object keys of a tenant's bucket (wire contract, "Buckets"). */
class StorageLayoutTest {
    private static final DatabaseName SALES = DatabaseName.of("sales_2024");

    @Test
    void aDatabaseFileIsItsNameWithTheDuckdbSuffixAtTheTopOfTheBucket() {
        assertThat(StorageLayout.databaseKey(SALES)).isEqualTo("sales_2024.duckdb");
    }

    @Test
    void theDatabaseOfATopLevelDatabaseKeyIsItsName() {
        assertThat(StorageLayout.databaseOf("sales_2024.duckdb")).contains(SALES);
        assertThat(StorageLayout.databaseOf("v1.2.duckdb")).contains(DatabaseName.of("v1.2"));
    }

    @Test
    void keysThatAreNotDatabaseFilesHoldNoDatabase() {
        assertThat(StorageLayout.databaseOf("backups/sales_2024-20240301T120000.000Z.duckdb")).isEmpty();
        assertThat(StorageLayout.databaseOf(".meta/sales_2024.properties")).isEmpty();
        assertThat(StorageLayout.databaseOf(".owner")).isEmpty();
        assertThat(StorageLayout.databaseOf("sales_2024.csv")).isEmpty();
        assertThat(StorageLayout.databaseOf(".duckdb")).isEmpty();
        assertThat(StorageLayout.databaseOf("-dash.duckdb")).isEmpty();
        assertThat(StorageLayout.databaseOf("a..b.duckdb")).isEmpty();
    }

    @Test
    void theDescriptorLivesUnderMetaBesideTheFile() {
        assertThat(StorageLayout.descriptorKey(SALES)).isEqualTo(".meta/sales_2024.properties");
    }

    @Test
    void aBackupKeyCarriesItsLabelAndTheUtcTimeToTheMillisecond() {
        Instant at = Instant.parse("2024-03-01T23:59:58.042Z");

        assertThat(StorageLayout.backupKey("nightly", at)).isEqualTo("backups/nightly-20240301T235958.042Z.duckdb");
    }

    @Test
    void theCopyKeptByDeleteIsABackupMarkedDeleted() {
        Instant at = Instant.parse("2024-03-01T08:00:00Z");

        assertThat(StorageLayout.deletedCopyKey(SALES, at))
                .isEqualTo("backups/sales_2024-deleted-20240301T080000.000Z.duckdb");
    }
}
