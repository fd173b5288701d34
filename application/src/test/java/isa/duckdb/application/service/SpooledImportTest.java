package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImportData's upload: chunks spooled to a file, checked against total_size, imported once, never left behind. */
class SpooledImportTest {
    @TempDir
    Path folder;

    private final List<String> imported = new ArrayList<>();

    private Path spool() {
        return folder.resolve("upload-1");
    }

    /** Records what the importer received and answers one row per line. */
    private SpooledImport upload(long announced) {
        return new SpooledImport(spool(), announced, () -> { }, (file, signal) -> {
            try {
                String content = Files.readString(file);
                imported.add(content);
                return content.lines().count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theChunksAreImportedInOrderAndTheSpoolRemoved() {
        SpooledImport upload = upload(12);
        upload.write(bytes("a,b\n"));
        upload.write(bytes("1,2\n"));
        upload.write(bytes("3,4\n"));

        long rows = upload.complete(CancellationSignal.none());

        assertThat(rows).isEqualTo(3);
        assertThat(imported).containsExactly("a,b\n1,2\n3,4\n");
        assertThat(spool()).doesNotExist();
    }

    @Test
    void withoutAnnouncedSizeAnyAmountIsAccepted() {
        SpooledImport upload = upload(0);
        upload.write(bytes("x\n"));

        assertThat(upload.complete(CancellationSignal.none())).isEqualTo(1);
    }

    @Test
    void moreBytesThanAnnouncedAreRefusedAtOnceAndNothingIsImported() {
        SpooledImport upload = upload(5);
        upload.write(bytes("1234"));

        String message = failureOf(() -> upload.write(bytes("56")), ErrorKind.INVALID_ARGUMENT).getMessage();

        assertThat(message).contains("total_size", "nothing was imported");
        assertThat(spool()).doesNotExist();
        failureOf(() -> upload.complete(CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        assertThat(imported).isEmpty();
    }

    @Test
    void aTruncatedStreamIsRefusedAndLeavesNothingBehind() {
        SpooledImport upload = upload(100);
        upload.write(bytes("only part"));

        String message = failureOf(() -> upload.complete(CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT)
                .getMessage();

        assertThat(message).contains("received 9 bytes", "100");
        assertThat(imported).isEmpty();
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void anUploadWithoutDataIsRefused() {
        SpooledImport upload = upload(0);

        failureOf(() -> upload.complete(CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);

        assertThat(imported).isEmpty();
    }

    @Test
    void anAbortedUploadImportsNothingAndLeavesNothingBehind() {
        SpooledImport upload = upload(0);
        upload.write(bytes("1,2\n"));

        upload.abort();

        assertThat(folder).isEmptyDirectory();
        failureOf(() -> upload.write(bytes("more")), ErrorKind.INVALID_ARGUMENT);
        assertThat(imported).isEmpty();
    }

    @Test
    void aFailingImportReachesTheCallerAndTheSpoolIsStillRemoved() {
        SpooledImport upload = new SpooledImport(spool(), 0, () -> { }, (file, signal) -> {
            throw ServiceException.invalid("column count mismatch");
        });
        upload.write(bytes("1,2\n"));

        String message = failureOf(() -> upload.complete(CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT)
                .getMessage();

        assertThat(message).contains("column count mismatch");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void nothingMayBeWrittenOrCompletedAfterCompletion() {
        SpooledImport upload = upload(0);
        upload.write(bytes("x\n"));
        upload.complete(CancellationSignal.none());

        failureOf(() -> upload.write(bytes("y\n")), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> upload.complete(CancellationSignal.none()), ErrorKind.INVALID_ARGUMENT);
        assertThat(imported).hasSize(1);
    }

    @Test
    void aSpoolThatCannotBeWrittenIsResourceExhaustedKeepingTheCauseButNotThePath() {
        SpooledImport upload = new SpooledImport(folder.resolve("missing-folder").resolve("upload"), 0, () -> { },
                (file, signal) -> 1);

        ServiceException failure = failureOf(() -> upload.write(bytes("x")), ErrorKind.RESOURCE_EXHAUSTED);

        assertThat(failure).hasCauseInstanceOf(IOException.class);
        assertThat(failure.getMessage()).doesNotContain(folder.toString());
    }
}
