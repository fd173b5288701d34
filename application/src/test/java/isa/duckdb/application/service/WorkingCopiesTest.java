package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local folder layout under the work root, and finding the working copies a crash left. */
class WorkingCopiesTest {
    private static final DatabaseKey ORDERS = new DatabaseKey("user-lena-duckdb", DatabaseName.of("orders"));

    @TempDir
    Path work;

    @Test
    void aDatabaseGetsAFolderPerBucketAndNameWithItsScratchFolder() {
        Path directory = new WorkingCopies(work).prepare(ORDERS);

        assertThat(directory).isEqualTo(work.resolve("user-lena-duckdb").resolve("orders"));
        assertThat(WorkingCopies.scratch(directory)).isDirectory();
        assertThat(WorkingCopies.databaseFile(directory, ORDERS)).isEqualTo(directory.resolve("orders.duckdb"));
    }

    @Test
    void aFolderThatCannotBeMadeIsAnInternalErrorWithoutThePath() throws Exception {
        Path blocked = Files.createFile(work.resolve("blocked"));

        assertThatThrownBy(() -> new WorkingCopies(blocked).prepare(ORDERS))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
                    assertThat(e.getMessage()).doesNotContain(work.toString());
                });
    }

    @Test
    void removingAWorkingCopyDeletesTheWholeFolder() throws Exception {
        WorkingCopies copies = new WorkingCopies(work);
        Path directory = copies.prepare(ORDERS);
        Files.writeString(WorkingCopies.databaseFile(directory, ORDERS), "data");

        copies.remove(ORDERS);

        assertThat(directory).doesNotExist();
    }

    @Test
    void incomingFilesAreFreshPathsInTheSpoolFolderWhichIsDroppedAtStart() throws Exception {
        WorkingCopies copies = new WorkingCopies(work);

        Path first = copies.incomingFile("upload");
        Path second = copies.incomingFile("upload");
        Files.writeString(first, "half an upload");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.getParent()).isEqualTo(work.resolve(".incoming"));
        assertThat(first.getFileName().toString()).startsWith("upload-");
        copies.dropIncoming();
        assertThat(work.resolve(".incoming")).doesNotExist();
    }

    @Test
    void workingCopiesOnDiskAreTheFoldersHoldingADatabaseFile() throws Exception {
        WorkingCopies copies = new WorkingCopies(work);
        Path orders = copies.prepare(ORDERS);
        Files.writeString(WorkingCopies.databaseFile(orders, ORDERS), "data");
        DatabaseKey empty = new DatabaseKey("user-lena-duckdb", DatabaseName.of("empty"));
        copies.prepare(empty);
        Files.createDirectories(work.resolve("user-lena-duckdb").resolve("not a name!"));
        Path spool = copies.incomingFile("upload");
        Files.createDirectories(spool);
        Files.writeString(spool.resolve(spool.getFileName() + ".duckdb"), "spooled");

        assertThat(copies.workingCopiesOnDisk()).containsExactly(
                new WorkingCopies.Leftover(ORDERS, orders, orders.resolve("orders.duckdb")));
    }

    @Test
    void strayFilesBesideTheFoldersAreIgnored() throws Exception {
        Files.writeString(work.resolve("notes.txt"), "not a bucket");
        Files.createDirectories(work.resolve("user-lena-duckdb"));
        Files.writeString(work.resolve("user-lena-duckdb").resolve("orders"), "not a database folder");

        assertThat(new WorkingCopies(work).workingCopiesOnDisk()).isEmpty();
    }

    @Test
    void aMissingWorkRootHoldsNoWorkingCopies() {
        assertThat(new WorkingCopies(work.resolve("never-made")).workingCopiesOnDisk()).isEmpty();
    }
}
