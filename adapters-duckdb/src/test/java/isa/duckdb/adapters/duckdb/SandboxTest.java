package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What SQL cannot reach in a database opened with {@link Sandbox}'s settings (DuckDB's "Securing DuckDB" page):
 * refused by the tenant SQL policy first ({@code db.failure}), and by DuckDB's sandbox itself should the policy miss
 * something ({@code db.sandboxFailure}, the policy left out).
 */
class SandboxTest {
    @TempDir
    Path folder;
    DuckDbTestDatabase db;

    @BeforeEach
    void open() {
        db = new DuckDbTestDatabase(folder);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Refused by the policy and by the sandbox beneath it, neither message showing a path. */
    private void assertRefusedTwice(String sql) {
        assertRefusedWithoutPaths(db.failure(sql));
        assertRefusedWithoutPaths(db.sandboxFailure(sql));
    }

    private void assertRefusedWithoutPaths(ServiceException failure) {
        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(failure.getMessage()).doesNotContain(folder.toString()).doesNotContain("/etc/");
    }

    @Test
    void aFileInsideTheScratchFolderIsReadableByTheServiceButNotByTenantSql() throws Exception {
        Files.writeString(db.scratch.resolve("in.csv"), "a,b\n1,x\n");
        String sql = "SELECT count(*) FROM read_csv('" + db.scratch.resolve("in.csv") + "')";

        assertThat(db.sandboxValue(sql)).isEqualTo(new Value.Int(1));
        assertRefusedWithoutPaths(db.failure(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/passwd')",
        "SELECT * FROM glob('/*')",
        "SELECT * FROM read_parquet('/etc/data.parquet')",
    })
    void filesOfTheServerAreRefusedAndTheirPathsNotEchoed(String sql) {
        assertRefusedTwice(sql);
    }

    @Test
    void theDatabasesFolderIsOutsideTheSandbox() throws Exception {
        Files.writeString(folder.resolve("neighbour.csv"), "a\n1\n");

        assertRefusedTwice("SELECT * FROM read_csv('" + folder.resolve("neighbour.csv") + "')");
        assertRefusedTwice("SELECT * FROM read_csv('" + db.scratch.resolve("../neighbour.csv") + "')");
    }

    /** DuckDB adds the database file and its WAL side files to allowed_paths: only the policy stops these. */
    @Test
    void theDatabasesOwnSideFilesCannotBeWrittenBySql() {
        assertRefusedWithoutPaths(db.failure("COPY (SELECT 1) TO '" + db.file + ".wal.recovery'"));
        assertRefusedWithoutPaths(db.failure("COPY (SELECT 1) TO '" + db.file + ".wal.checkpoint'"));
    }

    @Test
    void copyToAFileOutsideTheScratchFolderIsRefusedAndWritesNothing() {
        db.run("CREATE TABLE t AS SELECT 1 AS x");

        assertRefusedTwice("COPY t TO '/etc/leak.csv'");
        assertRefusedTwice("COPY t TO '" + folder.resolve("leak.csv") + "'");

        assertThat(folder.resolve("leak.csv")).doesNotExist();
    }

    @Test
    void attachingAnotherDatabaseFileIsRefused() {
        assertRefusedTwice("ATTACH '" + folder.resolve("other.duckdb") + "' AS other");
        assertThat(folder.resolve("other.duckdb")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SET enable_external_access = true",
        "SET allowed_directories = ['/']",
        "SET threads = 8",
        "SET memory_limit = '64GB'",
        "SET allow_unsigned_extensions = true",
        "SET lock_configuration = false",
        "SET TimeZone = 'Asia/Tokyo'",
        "SET GLOBAL TimeZone = 'Asia/Tokyo'",
        "RESET enable_external_access",
    })
    void lockedSettingsCannotBeChanged(String sql) {
        assertRefusedTwice(sql);
    }

    @Test
    void anExtensionCannotBeInstalledOrLoadedFromOutside() {
        assertThat(db.failure("INSTALL httpfs").getMessage()).doesNotContain(folder.toString());
        assertThat(db.sandboxFailure("INSTALL httpfs").getMessage()).doesNotContain(folder.toString());
        assertThat(db.failure("LOAD httpfs").kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(db.sandboxFailure("LOAD httpfs").kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(db.sandboxFailure("LOAD '/tmp/evil.duckdb_extension'").kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(db.value("SELECT count(*) FROM duckdb_extensions() WHERE extension_name = 'httpfs' AND loaded"))
                .isEqualTo(new Value.Int(0));
    }

    @Test
    void environmentVariablesAreNotReadable() {
        assertThat(db.failure("SELECT getenv('HOME')").kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(db.sandboxFailure("SELECT getenv('HOME')").kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void persistentSecretsCannotBeCreated() {
        String sql = "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v')";

        assertThat(db.failure(sql).getMessage()).doesNotContain("'v'").doesNotContain(folder.toString());
        assertThat(db.sandboxFailure(sql).getMessage()).doesNotContain("'v'").doesNotContain(folder.toString());
        assertThat(db.sandboxValue("SELECT count(*) FROM duckdb_secrets()")).isEqualTo(new Value.Int(0));
        assertRefusedWithoutPaths(db.failure("SELECT count(*) FROM duckdb_secrets()"));
    }

    /**
     * duckdb_settings(), current_setting() and duckdb_databases() show the server's folders (allowed_directories,
     * allowed_paths, temp_directory, extension_directory, secret_directory, the database path); DuckDB cannot hide
     * them, so the policy refuses them.
     */
    @Test
    void settingsAndCatalogFunctionsDoNotRevealServerFolders() {
        String home = System.getProperty("user.home");
        for (String sql : new String[] {
            "SELECT string_agg(value, ' ') FROM duckdb_settings()",
            "SELECT current_setting('temp_directory')",
            "SELECT current_setting('secret_directory')",
            "SELECT string_agg(coalesce(path, ''), ' ') FROM duckdb_databases()",
            "SELECT string_agg(file, ' ') FROM pragma_database_list",
            "SELECT string_agg(setting, ' ') FROM pg_settings",
            "SELECT * FROM histogram('pragma_database_list', file)",
        }) {
            assertThat(db.sandboxValue(sql).toString()).as(sql).containsAnyOf(folder.toString(), home);
            assertThat(db.failure(sql).getMessage()).as(sql).doesNotContain(folder.toString()).doesNotContain(home)
                    .contains("not allowed");
        }
        assertThat(db.value("SELECT string_agg(coalesce(install_path, ''), ' ') FROM duckdb_extensions()").toString())
                .doesNotContain(folder.toString()).doesNotContain(home);
    }

    @Test
    void afterOpeningTheZoneIsSetAndThenTheConfigurationLocked() {
        assertThat(Sandbox.statementsAtOpen(new EngineLimits(1, "1GB", Path.of("/s"), "Asia/Tokyo")))
                .containsExactly("SET GLOBAL TimeZone = 'Asia/Tokyo'", "SET GLOBAL lock_configuration = true");
        assertThat(Sandbox.statementsAtOpen(new EngineLimits(1, "1GB", Path.of("/s"))).get(0))
                .isEqualTo("SET GLOBAL TimeZone = 'UTC'");
    }

    @Test
    void thePropertiesAllowOnlyTheScratchFolder() {
        Properties properties = Sandbox.properties(new EngineLimits(3, "1GB", Path.of("/data/it's/scratch")));

        assertThat(properties.getProperty("enable_external_access")).isEqualTo("false");
        assertThat(properties.getProperty("allowed_directories")).isEqualTo("['/data/it''s/scratch/']");
        assertThat(properties.getProperty("threads")).isEqualTo("3");
        assertThat(properties.getProperty("memory_limit")).isEqualTo("1GB");
        assertThat(properties.getProperty("autoinstall_known_extensions")).isEqualTo("false");
        assertThat(properties.getProperty("allow_unsigned_extensions")).isEqualTo("false");
        assertThat(properties.getProperty("allow_persistent_secrets")).isEqualTo("false");
        assertThat(properties.getProperty("temp_directory")).isEqualTo("/data/it's/spill");
    }

    @Test
    void withoutAMemoryLimitDuckDbsDefaultApplies() {
        assertThat(Sandbox.properties(new EngineLimits(1, " ", Path.of("/s"))).getProperty("memory_limit")).isNull();
        assertThat(Sandbox.properties(new EngineLimits(1, null, Path.of("/s"))).getProperty("memory_limit")).isNull();
    }

    @Test
    void aSpillBoundBecomesDuckDbsMaxTempDirectorySize(@TempDir Path dir) throws Exception {
        Properties bounded = Sandbox.properties(new EngineLimits(1, "256MB", dir.resolve("scratch"), "UTC",
                "1073741824B"));

        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:"
                + dir.resolve("spill.duckdb"), bounded);
                java.sql.ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT current_setting('max_temp_directory_size')")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("1.0 GiB");
        }
        assertThat(Sandbox.properties(new EngineLimits(1, "1GB", Path.of("/s"))).getProperty("max_temp_directory_size"))
                .isNull();
    }
}
