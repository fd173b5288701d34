package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DuckDB adapter says about files and itself (DuckDB's storage format: magic bytes DUCK at offset 8). */
class DuckDbQueryEngineAdapterTest {
    private static final DuckDbQueryEngineAdapter ENGINE = DuckDbTestDatabase.ENGINE;

    @TempDir
    Path folder;

    private static byte[] header(int offset, String magic) {
        byte[] bytes = new byte[64];
        System.arraycopy(magic.getBytes(StandardCharsets.US_ASCII), 0, bytes, offset, magic.length());
        return bytes;
    }

    @Test
    void aFileDuckDbWroteIsADatabaseFile() {
        new DuckDbTestDatabase(folder).close();

        assertThat(ENGINE.isDatabaseFile(folder.resolve("main.duckdb"))).isTrue();
    }

    @Test
    void onlyTheMagicBytesAtOffsetEightMakeADatabaseFile() throws Exception {
        assertThat(ENGINE.isDatabaseFile(Files.write(folder.resolve("a"), header(8, "DUCK")))).isTrue();
        assertThat(ENGINE.isDatabaseFile(Files.write(folder.resolve("b"), header(0, "DUCK")))).isFalse();
        assertThat(ENGINE.isDatabaseFile(Files.write(folder.resolve("c"), header(8, "DUCX")))).isFalse();
        assertThat(ENGINE.isDatabaseFile(Files.write(folder.resolve("d"), "12345678DUC".getBytes(StandardCharsets.US_ASCII))))
                .isFalse();
        assertThat(ENGINE.isDatabaseFile(folder.resolve("missing"))).isFalse();
        assertThat(ENGINE.isDatabaseFile(folder)).isFalse();
    }

    @Test
    void theVersionIsDuckDbsOwn() {
        assertThat(ENGINE.version()).matches("v\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void aDatabaseInAMissingFolderCannotBeOpenedAndTheFolderIsNotNamed() {
        Path missing = folder.resolve("no-such-folder");

        ServiceException failure = catchThrowableOfType(ServiceException.class,
                () -> ENGINE.open(missing.resolve("main.duckdb"), new EngineLimits(1, "64MB", missing.resolve("scratch"))));

        assertThat(failure.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(failure.getMessage()).doesNotContain(folder.toString());
    }
}
