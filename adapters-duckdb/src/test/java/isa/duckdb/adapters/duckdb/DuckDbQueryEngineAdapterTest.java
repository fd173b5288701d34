package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.util.List;
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
    void aDatabaseRunsInUtcUnlessItsLimitsNameAnotherZone() {
        try (DuckDbTestDatabase utc = new DuckDbTestDatabase(folder.resolve("utc"));
                DuckDbTestDatabase tokyo = new DuckDbTestDatabase(folder.resolve("tokyo"), "Asia/Tokyo")) {
            assertThat(utc.value("SELECT current_setting('TimeZone')")).isEqualTo(new Value.Text("UTC"));
            assertThat(utc.value("SELECT CAST(TIMESTAMPTZ '2024-01-01 12:00:00+00' AS VARCHAR)"))
                    .isEqualTo(new Value.Text("2024-01-01 12:00:00+00"));
            assertThat(tokyo.value("SELECT current_setting('TimeZone')")).isEqualTo(new Value.Text("Asia/Tokyo"));
            assertThat(tokyo.value("SELECT CAST(TIMESTAMPTZ '2024-01-01 12:00:00+00' AS VARCHAR)"))
                    .isEqualTo(new Value.Text("2024-01-01 21:00:00+09"));
        }
    }

    @Test
    void everySessionOfTheDatabaseHasItsZoneAndCannotChangeIt() {
        try (DuckDbTestDatabase tokyo = new DuckDbTestDatabase(folder, "Asia/Tokyo")) {
            var other = tokyo.database.openSession();
            try (var cursor = other.run(new BoundSql("SELECT current_setting('TimeZone')", List.of()),
                    CancellationSignal.none()).rows().orElseThrow()) {
                assertThat(cursor.next(1).toRows().get(0)[0]).isEqualTo(new Value.Text("Asia/Tokyo"));
            } finally {
                other.close();
            }
            assertThat(tokyo.failure("SET TimeZone = 'UTC'").kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(tokyo.sandboxFailure("SET GLOBAL TimeZone = 'UTC'").getMessage()).contains("locked");
        }
    }

    @Test
    void aWriteWriteConflictBetweenTwoTransactionsIsAbortedSoTheCallerKnowsToRetry() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("CREATE TABLE t (i INTEGER PRIMARY KEY, v INTEGER)");
            db.run("INSERT INTO t VALUES (1, 0)");
            var first = db.database.openSession();
            var second = db.database.openSession();
            try {
                first.begin();
                second.begin();
                first.run(new BoundSql("UPDATE t SET v = 1 WHERE i = 1", List.of()), CancellationSignal.none());
                ServiceException conflict = catchThrowableOfType(ServiceException.class, () -> second.run(
                        new BoundSql("UPDATE t SET v = 2 WHERE i = 1", List.of()), CancellationSignal.none()));

                assertThat(conflict.kind()).isEqualTo(ErrorKind.ABORTED);
                assertThat(conflict.getMessage()).startsWith("ABORTED: ").containsIgnoringCase("conflict");
            } finally {
                second.close();
                first.close();
            }
        }
    }

    @Test
    void aFileOpenedAgainWhileOpenInThisProcessSharesTheSetUpInstance() {
        try (DuckDbTestDatabase first = new DuckDbTestDatabase(folder, "Asia/Tokyo")) {
            var again = ENGINE.open(first.file, new EngineLimits(1, "256MB", first.scratch, "Asia/Tokyo"));
            var session = again.openSession();
            try (var cursor = session.run(new BoundSql("SELECT current_setting('TimeZone')", List.of()),
                    CancellationSignal.none()).rows().orElseThrow()) {
                assertThat(cursor.next(1).toRows().get(0)[0]).isEqualTo(new Value.Text("Asia/Tokyo"));
            } finally {
                session.close();
                again.close();
            }
            assertThat(first.value("SELECT 42")).isEqualTo(new Value.Int(42));
        }
    }

    @Test
    void timeZonesAreDuckDbsOwnFromPgTimezoneNames() {
        assertThat(ENGINE.timeZone("europe/berlin")).contains("Europe/Berlin");
        assertThat(ENGINE.timeZone("Etc/GMT+5")).contains("Etc/GMT+5");
        assertThat(ENGINE.timeZone("+05:00")).isEmpty();
        assertThat(ENGINE.timeZone("Asia/Tokyo'; SET x = 1; --")).isEmpty();
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
