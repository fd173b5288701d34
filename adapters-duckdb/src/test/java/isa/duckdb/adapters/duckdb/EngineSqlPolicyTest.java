package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hostile-tenant battery at the policy: each refusal with its code word, and what must stay allowed. */
class EngineSqlPolicyTest {

    private static ServiceException refusal(String sql) {
        ServiceException failure = catchThrowableOfType(() -> EngineSqlPolicy.check(sql), ServiceException.class);
        assertThat(failure).as(sql).isNotNull();
        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(failure.getMessage()).startsWith("INVALID_ARGUMENT: ").contains("not allowed");
        return failure;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // engine state (issue 12: the JVM died after this one)
        "CALL enable_logging(storage='file', storage_path='/tmp/x')",
        "CALL enable_profiling(save_location='/tmp/p')",
        "SELECT * FROM disable_logging()",
        "CALL truncate_duckdb_logs()",
        "CALL checkpoint()",
        "CALL force_checkpoint()",
        "SELECT write_log('x')",
        "CALL add_parquet_key('k', '0123456789112345')",
        // SQL text
        "SELECT * FROM query('SELECT 1')",
        "SELECT * FROM query_table('t')",
        "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
        "SELECT json_serialize_plan('SELECT 1')",
        "SELECT * FROM histogram('pragma_database_list', file)",
        "FROM histogram_values(t, x)",
        "SELECT * FROM t JOIN u ON true, histogram(t, x)",
        // files
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv_auto('x.csv')",
        "SELECT * FROM read_parquet(['a.parquet'])",
        "SELECT * FROM read_json_objects('x')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/passwd')",
        "SELECT * FROM read_duckdb('/data/other.duckdb')",
        "SELECT * FROM glob('/*')",
        "SELECT * FROM sniff_csv('x.csv')",
        "SELECT * FROM parquet_metadata('x.parquet')",
        // DuckDB's replacement scans: a file named where a table stands
        "SELECT * FROM '/data/t/db/scratch/in.csv'",
        "FROM 'x.csv'",
        "SELECT * FROM \"data.parquet\"",
        "SELECT * FROM \"/etc/passwd\"",
        "SELECT * FROM t JOIN 'x.csv' USING (a)",
        "SELECT * FROM t, 'x.json'",
        "CREATE TABLE x AS FROM 'in.csv'",
        "SUMMARIZE 'x.csv'",
        "DESCRIBE 'x.csv'",
        "SELECT * FROM (SELECT 1) a, (FROM 'x.duckdb')",
        // server details
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM duckdb_settings",
        "SELECT path FROM duckdb_databases()",
        "SELECT path FROM duckdb_databases",
        "SELECT * FROM pragma_database_list",
        "SELECT * FROM pg_catalog.pg_settings",
        "SELECT * FROM duckdb_secrets()",
        "SELECT * FROM which_secret('s3://b/k', 's3')",
        "SELECT * FROM duckdb_temporary_files()",
        "SELECT * FROM duckdb_external_file_cache()",
        "SELECT * FROM duckdb_logs",
        "SELECT * FROM duckdb_logs_parsed('QueryLog')",
        "SELECT * FROM duckdb_profiling_settings()",
        "SELECT getenv('HOME')",
        // raw memory
        "SELECT * FROM arrow_scan(1, 2, 3)",
        // statements (the domain's ClientSqlPolicy)
        "COPY (SELECT 1) TO '/tmp/x.csv'",
        "ATTACH '/tmp/other.duckdb' AS o",
        "SET threads = 64",
        "RESET memory_limit",
        "PRAGMA enable_profiling",
        "PRAGMA database_list",
        "INSTALL httpfs",
        "LOAD '/tmp/evil.duckdb_extension'",
        "EXPORT DATABASE '/tmp/x'",
        "IMPORT DATABASE '/tmp/x'",
    })
    void everyFunctionClassIsRefused(String sql) {
        refusal(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // case, quotes, qualifiers
        "SELECT * FROM QUERY('SELECT 1')",
        "SELECT * FROM \"query\"('SELECT 1')",
        "SELECT * FROM \"QuErY\"('SELECT 1')",
        "SELECT * FROM main.query('SELECT 1')",
        "SELECT * FROM system.main.query('SELECT 1')",
        "SELECT * FROM \"system\".\"main\".\"query\"('SELECT 1')",
        "SELECT * FROM system.main.pragma_database_list",
        "SELECT * FROM \"pragma_database_list\"",
        // comments and whitespace
        "SELECT * FROM query/* a comment */('SELECT 1')",
        "SELECT * FROM query -- a comment\n('SELECT 1')",
        "SELECT * FROM\tquery\n\n(\n'SELECT 1')",
        "SELECT * FROM\u00a0query\u3000('SELECT 1')",
        "/* CALL nothing */ CALL enable_logging(storage='file')",
        "SELECT 1; CALL enable_logging()",
        "SELECT 'it''s'; SELECT * FROM read_text('/etc/hostname')",
        "SELECT $$ $$, current_setting('temp_directory')",
        // subqueries, CTEs, every statement type
        "SELECT * FROM t WHERE x IN (SELECT * FROM query('SELECT 1'))",
        "WITH q AS (SELECT * FROM query('SELECT 1')) SELECT * FROM q",
        "WITH RECURSIVE q(n) AS (SELECT 1 UNION ALL SELECT n FROM q, read_csv('x.csv')) SELECT * FROM q",
        "INSERT INTO t SELECT * FROM query('SELECT 1')",
        "INSERT INTO t VALUES (current_setting('temp_directory'))",
        "UPDATE t SET x = current_setting('extension_directory')",
        "DELETE FROM t WHERE x IN (SELECT file FROM pragma_database_list)",
        "CREATE TABLE t AS SELECT * FROM duckdb_settings()",
        "CREATE TABLE t (x VARCHAR DEFAULT current_setting('temp_directory'))",
        "CREATE VIEW v AS SELECT * FROM query('SELECT 1')",
        "CREATE OR REPLACE TEMP VIEW v AS FROM pragma_database_list",
        "CREATE MACRO m(s) AS TABLE SELECT * FROM query(s)",
        "CREATE MACRO m(s) AS TABLE FROM histogram(s, file)",
        "CREATE MACRO m() AS current_setting('allowed_directories')",
        "PREPARE p AS SELECT * FROM query($1)",
        "EXPLAIN ANALYZE SELECT * FROM query('SELECT 1')",
        "SUMMARIZE SELECT * FROM read_csv('x.csv')",
        "DESCRIBE SELECT * FROM duckdb_settings()",
        "SELECT (SELECT value FROM duckdb_settings() WHERE name = 'temp_directory')",
        "SELECT list_transform([1], x -> (SELECT count(*) FROM query('SELECT 1')))",
        "SELECT 'select 1'.query()",
        // current_setting: paths and non-literal names
        "SELECT current_setting('temp_directory')",
        "SELECT current_setting('TEMP_DIRECTORY')",
        "SELECT current_setting('secret_directory')",
        "SELECT current_setting('home_directory')",
        "SELECT current_setting('allowed_directories')",
        "SELECT current_setting('allowed_paths')",
        "SELECT current_setting('extension_directory')",
        "SELECT current_setting('temp_' || 'directory')",
        "SELECT current_setting(name) FROM t",
        "SELECT current_setting($1)",
    })
    void hidingTricksDoNotHelp(String sql) {
        refusal(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "SELECT current_setting('TimeZone')",
        "SELECT current_setting('memory_limit')",
        "SELECT query, glob, checkpoint FROM logs",
        "SELECT histogram(x) FROM t",
        "SELECT x, histogram(y) FROM t GROUP BY x",
        "SELECT 'SELECT * FROM query(''x'')' AS text",
        "SELECT 1 -- read_csv('/etc/passwd')",
        "SELECT 1 /* duckdb_settings() */",
        "CREATE TABLE query (a INTEGER)",
        "INSERT INTO query (a) VALUES (1)",
        "INSERT INTO main.query (a) VALUES (1)",
        "INSERT INTO \"memory\".main.glob (a) VALUES (1)",
        "CREATE TABLE IF NOT EXISTS glob (a INTEGER)",
        "SELECT * FROM range(10)",
        "SELECT * FROM generate_series(1, 3)",
        "SELECT * FROM duckdb_tables()",
        "SELECT * FROM duckdb_columns()",
        "SELECT * FROM duckdb_extensions()",
        "SELECT * FROM duckdb_functions()",
        "SELECT * FROM pragma_table_info('t')",
        "SELECT * FROM information_schema.tables",
        "SELECT json_serialize_sql('SELECT 1')",
        "PRAGMA table_info('t')",
        "FORCE CHECKPOINT",
        "CHECKPOINT",
        "SUMMARIZE t",
        "SELECT 'x', 'y' FROM t WHERE a IN ('p', 'q') ORDER BY 1, 'z'",
        "SELECT * FROM \"My Table\" AS \"a.csv\"",
        "SELECT * FROM \"sales.2024\"",
        "SELECT * FROM t JOIN u ON t.a = 'x.csv'",
        "INSERT INTO t VALUES ('a.csv', '/x/y')",
    })
    void ordinaryQueriesPass(String sql) {
        assertThatCode(() -> EngineSqlPolicy.check(sql)).as(sql).doesNotThrowAnyException();
    }

    @Test
    void aFileReaderTheServicePlacedIsAllowedAndNoOther() {
        Set<String> trusted = Set.of("/data/t/db/scratch/query-1.csv");

        assertThatCode(() -> EngineSqlPolicy.check(
                "SELECT count(*) FROM read_csv('/data/t/db/scratch/query-1.csv', header = true)", trusted))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> EngineSqlPolicy.check(
                "SELECT * FROM read_csv('/data/t/db/scratch/query-1.csv') UNION ALL SELECT * FROM read_csv('/etc/x')",
                trusted), ServiceException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> EngineSqlPolicy.check(
                "SELECT * FROM query('/data/t/db/scratch/query-1.csv')", trusted), ServiceException.class)).isNotNull();
    }

    @Test
    void theMessageNamesTheFunctionAndWhy() {
        assertThat(refusal("CALL enable_logging(storage='file')").getMessage())
                .isEqualTo("INVALID_ARGUMENT: enable_logging() is not allowed: it changes the engine's state (logging,"
                        + " profiling, checkpoints, keys), which the service manages");
        assertThat(refusal("SELECT * FROM \"system\".main.QUERY('x')").getMessage())
                .startsWith("INVALID_ARGUMENT: query() is not allowed: it runs SQL text");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x) UNION SELECT * FROM query('SELECT 1') --",
        "current_setting('temp_directory')",
        "(SELECT path FROM duckdb_databases() LIMIT 1)",
        "SELECT * FROM read_csv(s)",
    })
    void fragmentsAreCheckedToo(String fragment) {
        assertThat(catchThrowableOfType(() -> EngineSqlPolicy.checkFragment(fragment), ServiceException.class))
                .as(fragment).isNotNull();
    }
}
