package isa.duckdb.adapters.duckdb;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each function, table function, pragma and system view of the bundled DuckDB (1.5: core_functions, parquet,
 * json, icu) may do for a tenant. Reviewed against {@code duckdb_functions()} and {@code duckdb_views()} of the
 * driver in the root pom; {@code EngineFunctionsTest} fails when the driver brings a table function or pragma that
 * is not classified here, so an upgrade has to review it.
 *
 * <p>Names are DuckDB's, compared in lower case (DuckDB looks functions up case-insensitively, quoted or not).
 */
final class EngineFunctions {

    /** Why a tenant may not call something; the text completes "it …". */
    enum Refusal {
        FILES("reads, lists or writes files; the service moves files itself (ImportData, ImportFromMinIO, ExportToMinIO, QueryMinIOFile)"),
        SQL_TEXT("runs SQL text or a relation named by a string, which the service cannot check"),
        ENGINE_STATE("changes the engine's state (logging, profiling, checkpoints, keys), which the service manages"),
        SERVER_DETAILS("shows server paths, settings, logs or credentials"),
        MEMORY("reads engine memory by address");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private static final Map<String, Refusal> FUNCTIONS = new HashMap<>();
    private static final Map<String, Refusal> RELATIONS = new HashMap<>();

    static {
        for (String name : new String[] {"read_csv", "read_csv_auto", "read_json", "read_json_auto", "read_json_objects",
            "read_json_objects_auto", "read_ndjson", "read_ndjson_auto", "read_ndjson_objects", "read_parquet",
            "parquet_scan", "parquet_metadata", "parquet_file_metadata", "parquet_full_metadata", "parquet_kv_metadata",
            "parquet_schema", "parquet_bloom_probe", "read_text", "read_blob", "read_duckdb", "glob", "sniff_csv",
            "copy_database", "import_database"}) {
            FUNCTIONS.put(name, Refusal.FILES);
        }
        for (String name : new String[] {"query", "query_table", "json_execute_serialized_sql", "json_serialize_plan",
            "histogram_values"}) {
            FUNCTIONS.put(name, Refusal.SQL_TEXT);
        }
        for (String name : new String[] {"enable_logging", "disable_logging", "enable_profiling", "disable_profiling",
            "truncate_duckdb_logs", "checkpoint", "force_checkpoint", "write_log", "add_parquet_key", "seq_scan"}) {
            FUNCTIONS.put(name, Refusal.ENGINE_STATE);
        }
        for (String name : new String[] {"duckdb_settings", "duckdb_databases", "duckdb_secrets", "which_secret",
            "duckdb_temporary_files", "duckdb_external_file_cache", "duckdb_logs", "duckdb_log_contexts",
            "duckdb_logs_parsed", "duckdb_profiling_settings", "getenv"}) {
            FUNCTIONS.put(name, Refusal.SERVER_DETAILS);
            RELATIONS.put(name, Refusal.SERVER_DETAILS);
        }
        for (String name : new String[] {"arrow_scan", "arrow_scan_dumb"}) {
            FUNCTIONS.put(name, Refusal.MEMORY);
        }
        // system views over the functions above (their SQL shows the path or the value)
        RELATIONS.put("pragma_database_list", Refusal.SERVER_DETAILS);
        RELATIONS.put("pg_settings", Refusal.SERVER_DETAILS);
    }

    /**
     * Table functions and table macros a tenant may call: catalog and metadata listings without server paths, and
     * generators. {@code histogram} is DuckDB's aggregate and also a table macro over {@code query_table}; only the
     * table macro is refused ({@link #TABLE_ONLY_REFUSED}).
     */
    static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("duckdb_approx_database_count", "duckdb_columns",
            "duckdb_connection_count", "duckdb_constraints", "duckdb_coordinate_systems", "duckdb_dependencies",
            "duckdb_extensions", "duckdb_functions", "duckdb_indexes", "duckdb_keywords", "duckdb_memory",
            "duckdb_optimizers", "duckdb_prepared_statements", "duckdb_schemas", "duckdb_secret_types",
            "duckdb_sequences", "duckdb_table_sample", "duckdb_tables", "duckdb_types", "duckdb_variables",
            "duckdb_views", "generate_series", "icu_calendar_names", "json_each", "json_tree", "pg_timezone_names",
            "pragma_collations", "pragma_database_size", "pragma_metadata_info", "pragma_platform", "pragma_show",
            "pragma_storage_info", "pragma_table_info", "pragma_user_agent", "pragma_version", "range", "repeat",
            "repeat_row", "summary", "test_all_types", "test_vector_types", "unnest");

    /** Refused only where a table function stands (in a FROM clause): the name is also an aggregate. */
    static final Map<String, Refusal> TABLE_ONLY_REFUSED = Map.of("histogram", Refusal.SQL_TEXT);

    /** The pragmas the domain's {@code ClientSqlPolicy} lets through ({@code PRAGMA name}); every other is refused. */
    static final Set<String> ALLOWED_PRAGMAS = Set.of("table_info", "show_tables", "show_tables_expanded",
            "database_size", "storage_info", "version", "show", "functions", "collations", "platform", "metadata_info",
            "user_agent");

    /**
     * Settings whose value is (or may be) a server path, a URL or a credential; {@code current_setting} of any other
     * setting, named by a string literal, is allowed ({@code current_setting('TimeZone')}).
     */
    static final Set<String> HIDDEN_SETTINGS = Set.of("allowed_directories", "allowed_paths", "temp_directory",
            "extension_directory", "extension_directories", "secret_directory", "home_directory", "log_query_path",
            "profile_output", "profiling_output", "http_logging_output", "custom_extension_repository",
            "autoinstall_extension_repository", "file_search_path", "default_secret_storage", "search_path",
            "duckdb_api", "custom_user_agent", "http_proxy", "http_proxy_username", "http_proxy_password",
            "s3_access_key_id", "s3_secret_access_key", "s3_session_token", "s3_endpoint", "ca_cert_file",
            "max_temp_directory_size");

    private EngineFunctions() {
    }

    /** Why calling the function {@code name} (any position) is refused; empty when it is allowed. */
    static Optional<Refusal> ofFunction(String name) {
        Refusal refusal = FUNCTIONS.get(name);
        return Optional.ofNullable(refusal != null ? refusal : FUNCTIONS.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Why naming {@code name} as a relation (a system view, with or without a call) is refused. */
    static Optional<Refusal> ofRelation(String name) {
        Refusal refusal = RELATIONS.get(name);
        return Optional.ofNullable(refusal != null ? refusal : RELATIONS.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Why calling {@code name} as a table function (in a FROM clause) is refused. */
    static Optional<Refusal> ofTableFunction(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ofFunction(lower).or(() -> Optional.ofNullable(TABLE_ONLY_REFUSED.get(lower)));
    }

    /** Whether a tenant may read {@code current_setting(name)}. */
    static boolean settingReadable(String name) {
        return !HIDDEN_SETTINGS.contains(name.toLowerCase(Locale.ROOT).strip());
    }

    /** Whether {@code PRAGMA name} is read-only and shows no server detail. */
    static boolean pragmaAllowed(String name) {
        return ALLOWED_PRAGMAS.contains(name.toLowerCase(Locale.ROOT));
    }
}
