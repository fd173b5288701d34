package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.EngineLimits;
import java.util.List;
import java.util.Properties;

/**
 * Settings every open database starts with: no file system access outside its own scratch
 * folder, no extension downloads or unsigned extensions, no persistent secrets, its time zone, and the
 * configuration locked so that SQL cannot undo any of it. The time zone and the lock are set by
 * {@link #statementsAtOpen} right after opening: DuckDB does not recognise {@code TimeZone} (an ICU
 * extension option) among the options of a new instance, and once locked it can no longer be set.
 */
final class Sandbox {
    /** A log size DuckDB never reaches before the service checkpoints it itself. */
    static final String NO_AUTOMATIC_CHECKPOINT = "1000TB";
    private Sandbox() {
    }

    static Properties properties(EngineLimits limits) {
        Properties properties = new Properties();
        properties.setProperty("enable_external_access", "false");
        properties.setProperty("allowed_directories", "['" + escape(limits.scratch().toAbsolutePath() + "/") + "']");
        properties.setProperty("temp_directory", limits.scratch().resolveSibling("spill").toAbsolutePath().toString());
        // Inside the already allowed scratch folder, so that duckdb_extensions() can look at it
        // (it stays empty: nothing is ever installed, bundled extensions load from the driver).
        properties.setProperty("extension_directory", limits.scratch().resolve("extensions").toAbsolutePath().toString());
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("allow_community_extensions", "false");
        properties.setProperty("allow_unsigned_extensions", "false");
        properties.setProperty("allow_persistent_secrets", "false");
        properties.setProperty("threads", Integer.toString(limits.threads()));
        if (limits.memoryLimit() != null && !limits.memoryLimit().isBlank()) {
            properties.setProperty("memory_limit", limits.memoryLimit());
        }
        if (limits.maxTempDirectorySize() != null && !limits.maxTempDirectorySize().isBlank()) {
            properties.setProperty("max_temp_directory_size", limits.maxTempDirectorySize());
        }
        // Arrow export keeps every DuckDB type exact (HUGEINT, UUID, TIME WITH TIME ZONE, BIT, BIGNUM)
        properties.setProperty("arrow_lossless_conversion", "true");
        properties.setProperty("jdbc_stream_results", "true");
        if (limits.walShipping()) {
            // --durability commit ships the log as it grows and replays it on a copy of the stored file: DuckDB
            // must neither checkpoint on its own (that empties the log, DuckDB's default is at 16 MiB) nor write
            // large inserts straight into the database file with only block pointers in the log (a copy of the
            // file would lack those blocks). Checked against DuckDB 1.5 (README, "Durable acknowledgements").
            properties.setProperty("checkpoint_threshold", NO_AUTOMATIC_CHECKPOINT);
            properties.setProperty("enable_optimistic_write", "false");
        }
        return properties;
    }

    /**
     * What runs on the root connection of a newly opened instance, before any session: DuckDB's {@code TimeZone}
     * for every connection (the limits' zone, which the engine spelled itself; without it DuckDB would follow the
     * host's {@code TZ}), then {@code lock_configuration}.
     */
    static List<String> statementsAtOpen(EngineLimits limits) {
        return List.of("SET GLOBAL TimeZone = '" + limits.timeZone().replace("'", "''") + "'",
                "SET GLOBAL lock_configuration = true");
    }

    private static String escape(String path) {
        return path.replace("'", "''");
    }
}
