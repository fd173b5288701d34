package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.query;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.CreateFunctionRequest;
import isa.duckdb.api.CreateViewRequest;
import isa.duckdb.api.ExecuteBatchRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.PrepareStatementRequest;
import isa.duckdb.api.QueryResultChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile tenant of issue 12, through gRPC: every call of a DuckDB function that changes the engine's state,
 * reaches files, runs SQL text or shows server details is refused with INVALID_ARGUMENT, however it is hidden; the
 * server stays up, another tenant's {@code SELECT 1} keeps answering, and nothing returned carries the data path.
 * Add each new attack found here.
 */
class HostileTenantEndToEndTest extends SharedServiceEndToEnd {
    private static final String MALLORY = "mallory";
    private static final String DB = "den";
    private static final String ALICE = "alice";
    private static final String ALICE_DB = "books";

    @BeforeAll
    static void prepare() {
        createDatabase(stub, MALLORY, DB);
        createDatabase(stub, ALICE, ALICE_DB);
        ok(stub, MALLORY, DB, "CREATE TABLE t (x VARCHAR)");
        ok(stub, MALLORY, DB, "INSERT INTO t VALUES ('a')");
    }

    @AfterEach
    void theServiceAndTheOtherTenantStillAnswer() {
        ExecuteQueryResponse one = select(stub, ALICE, ALICE_DB, "SELECT 1 AS one");
        assertThat(one.getRows(0).getValues(0).getIntValue()).isEqualTo(1);
        assertThat(select(stub, MALLORY, DB, "SELECT count(*) FROM t").getRows(0).getValues(0).getIntValue()).isEqualTo(1);
    }

    private static void assertRefused(String error) {
        assertThat(error).startsWith("INVALID_ARGUMENT: ").contains("not allowed").doesNotContain(data.toString())
                .doesNotContain(System.getProperty("user.home") + "/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CALL enable_logging(storage='file', storage_path='/tmp/x')",
        "CALL enable_logging(storage = 'file', storage_path = '/tmp/hostile-log')",
        "CALL enable_profiling(save_location='/tmp/hostile-profile')",
        "SELECT * FROM disable_logging()",
        "CALL truncate_duckdb_logs()",
        "SELECT write_log('x')",
        "SELECT * FROM query('SELECT 1')",
        "SELECT * FROM query_table('t')",
        "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
        "SELECT json_serialize_plan('SELECT 1')",
        "SELECT * FROM histogram('pragma_database_list', file)",
        "SELECT * FROM read_duckdb('x.duckdb')",
        "SELECT * FROM sniff_csv('x.csv')",
        "SELECT * FROM arrow_scan(1, 2, 3)",
        "SELECT current_setting('temp_directory')",
        "SELECT current_setting('extension_directory')",
        "SELECT current_setting('allowed_directories')",
        "SELECT current_setting('secret_directory')",
        "SELECT current_setting('home_directory')",
        "SELECT * FROM duckdb_settings()",
        "SELECT path FROM duckdb_databases()",
        "SELECT * FROM pragma_database_list",
        "SELECT * FROM pg_catalog.pg_settings",
        "SELECT * FROM duckdb_secrets()",
        "SELECT * FROM which_secret('s3://b/k', 's3')",
        "SELECT * FROM duckdb_temporary_files()",
        "SELECT getenv('HOME')",
        "PRAGMA database_list",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM \"data.parquet\"",
        // hidden
        "select * from SYSTEM.MAIN.\"Query\" /* hi */ ( 'select 1' )",
        "WITH q AS (SELECT * FROM main.query('SELECT 1')) SELECT * FROM q",
        "SELECT * FROM t WHERE x IN (SELECT file FROM pragma_database_list)",
        "SELECT 1;\u3000CALL\u00a0enable_logging()",
        "INSERT INTO t SELECT current_setting('temp_directory')",
        "CREATE TABLE leak AS SELECT * FROM duckdb_settings()",
        "CREATE VIEW leak AS SELECT path FROM duckdb_databases()",
        "CREATE MACRO leak(s) AS TABLE SELECT * FROM query(s)",
        "CREATE MACRO leak() AS current_setting('temp_directory')",
        "PREPARE p AS SELECT * FROM query('SELECT 1')",
        "EXPLAIN ANALYZE SELECT * FROM read_text('/etc/hostname')",
    })
    void everyRouteRefusesWithTheCodeWordAndNoPath(String sql) {
        assertRefused(stub.executeQuery(query(MALLORY, DB, sql).build()).getError());
        assertRefused(Requests.statement(stub, MALLORY, DB, sql).getError());
        assertRefused(stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(MALLORY).setDatabaseId(DB)
                .addStatements(sql).build()).getError());
        List<QueryResultChunk> chunks = new ArrayList<>();
        stub.executeQueryStream(query(MALLORY, DB, sql).build()).forEachRemaining(chunks::add);
        assertThat(chunks).last().satisfies(chunk -> assertRefused(chunk.getError()));
        if (!sql.contains(";")) {
            assertRefused(stub.prepareStatement(PrepareStatementRequest.newBuilder().setUserId(MALLORY)
                    .setDatabaseId(DB).setStatement(sql).build()).getError());
        }
    }

    @Test
    void enableLoggingToAFileIsRefusedAndTheServerLives() {
        for (int i = 0; i < 3; i++) {
            assertRefused(stub.executeQuery(query(MALLORY, DB,
                    "CALL enable_logging(storage='file', storage_path='/tmp/x')").build()).getError());
            assertThat(select(stub, MALLORY, DB, "SELECT 42").getRows(0).getValues(0).getIntValue()).isEqualTo(42);
        }
    }

    @Test
    void viewsAndFunctionsMadeThroughTheirRpcsAreCheckedToo() {
        assertRefused(stub.createView(CreateViewRequest.newBuilder().setUserId(MALLORY).setDatabaseId(DB)
                .setViewName("leak").setQuery("SELECT * FROM pragma_database_list").build()).getError());
        assertRefused(stub.createView(CreateViewRequest.newBuilder().setUserId(MALLORY).setDatabaseId(DB)
                .setViewName("leak").setQuery("SELECT * FROM \"QUERY\"('SELECT 1')").build()).getError());
        assertRefused(stub.createFunction(CreateFunctionRequest.newBuilder().setUserId(MALLORY).setDatabaseId(DB)
                .setFunctionName("leak").setFunctionBody("current_setting('temp_directory')").build()).getError());
        assertRefused(stub.createFunction(CreateFunctionRequest.newBuilder().setUserId(MALLORY).setDatabaseId(DB)
                .setFunctionName("leak").setFunctionBody("SELECT * FROM read_text('/etc/hostname')").build())
                .getError());
        assertThat(stub.createView(CreateViewRequest.newBuilder().setUserId(MALLORY).setDatabaseId(DB)
                .setViewName("fine").setQuery("SELECT x FROM t").build()).getSuccess()).isTrue();
    }

    @Test
    void whatATenantMayStillQueryShowsNoServerPath() {
        for (String sql : List.of("SELECT * FROM duckdb_extensions()", "SELECT current_setting('TimeZone')",
                "SELECT * FROM information_schema.tables", "SELECT * FROM information_schema.schemata",
                "SELECT * FROM duckdb_views()", "SELECT * FROM pragma_database_size()", "SHOW DATABASES",
                "SELECT * FROM pg_catalog.pg_database", "SELECT * FROM duckdb_memory()")) {
            ExecuteQueryResponse response = select(stub, MALLORY, DB, sql);
            assertThat(response.toString()).as(sql).doesNotContain(data.toString())
                    .doesNotContain(System.getProperty("user.home") + "/");
        }
    }

    @Test
    void anEngineErrorNamingAPathTheTenantCannotSeeShowsNoPieceOfIt() {
        String deep = data + "/" + "d".repeat(120) + "/x.csv";
        ExecuteQueryResponse response = stub.executeQuery(query(MALLORY, DB,
                "SELECT * FROM t WHERE x = '" + deep + "' AND no_such_column = 1").build());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("INVALID_ARGUMENT: ").doesNotContain(data.toString())
                .doesNotContain("ddddd/x.csv");
    }
}
