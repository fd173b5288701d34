package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.out.EngineLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import isa.duckdb.domain.ServiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EngineFunctions} against the bundled DuckDB itself (a sandboxed instance, read with the service's trust):
 * every table function, table macro and pragma is classified, and every system view or setting that shows a server
 * path is refused. A driver upgrade that brings new ones fails here until they are reviewed.
 */
class EngineFunctionsTest {
    @TempDir
    Path folder;
    Connection connection;

    @BeforeEach
    void open() throws Exception {
        Path scratch = Files.createDirectories(folder.resolve("scratch"));
        EngineLimits limits = new EngineLimits(1, "256MB", scratch);
        connection = DriverManager.getConnection("jdbc:duckdb:" + folder.resolve("main.duckdb"), Sandbox.properties(limits));
        try (Statement statement = connection.createStatement()) {
            for (String sql : Sandbox.statementsAtOpen(limits)) {
                statement.execute(sql);
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void everyTableFunctionAndTableMacroIsClassified() throws SQLException {
        List<String> names = strings("SELECT DISTINCT function_name FROM duckdb_functions()"
                + " WHERE function_type IN ('table', 'table_macro') ORDER BY 1");

        assertThat(names).hasSizeGreaterThan(80);
        assertThat(names).allSatisfy(name -> assertThat(EngineFunctions.ALLOWED_TABLE_FUNCTIONS.contains(name)
                || EngineFunctions.ofTableFunction(name).isPresent()).as(name).isTrue());
        assertThat(names).filteredOn(EngineFunctions.ALLOWED_TABLE_FUNCTIONS::contains)
                .allSatisfy(name -> assertThat(EngineFunctions.ofFunction(name)).as(name).isEmpty());
    }

    @Test
    void everyPragmaIsReadOnlyOrRefused() throws SQLException {
        List<String> pragmas = strings("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'pragma'");

        assertThat(pragmas).contains("enable_profiling", "database_list", "json_execute_serialized_sql", "table_info");
        assertThat(pragmas).filteredOn(EngineFunctions::pragmaAllowed)
                .allSatisfy(name -> assertThat(name).doesNotStartWith("enable").doesNotStartWith("disable")
                        .doesNotContain("database_list").doesNotContain("sql").doesNotContain("import"));
    }

    @Test
    void everySystemViewThatShowsAServerPathIsRefused() throws SQLException {
        List<String> views = strings("SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE internal");
        List<String> leaking = new ArrayList<>();
        for (String view : views) {
            String all = String.join(" ", strings("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM " + view + " LIMIT 1000")
                    .stream().map(String::valueOf).toList());
            String everyColumn;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT * FROM " + view)) {
                StringBuilder text = new StringBuilder(all);
                while (rows.next()) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        text.append(' ').append(rows.getString(i));
                    }
                }
                everyColumn = text.toString();
            }
            if (everyColumn.contains(folder.toString())) {
                leaking.add(view.substring(view.indexOf('.') + 1));
            }
        }

        assertThat(leaking).contains("pragma_database_list", "duckdb_databases");
        assertThat(leaking).allSatisfy(view -> assertThat(EngineFunctions.ofRelation(view)).as(view).isPresent());
    }

    @Test
    void everySettingThatShowsAServerPathIsHidden() throws SQLException {
        String home = System.getProperty("user.home");
        List<String> shown = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, value FROM duckdb_settings()")) {
            while (rows.next()) {
                String value = String.valueOf(rows.getString(2));
                if (value.contains(folder.toString()) || value.contains(home) || value.startsWith("/")) {
                    shown.add(rows.getString(1));
                }
            }
        }

        assertThat(shown).contains("temp_directory", "allowed_directories", "extension_directory");
        assertThat(shown).allSatisfy(name -> assertThat(EngineFunctions.settingReadable(name)).as(name).isFalse());
    }

    /**
     * DuckDB's own parser as the oracle: for SQL whose strings, comments and quotes are built to confuse a scanner,
     * the policy refuses exactly when DuckDB's parse tree ({@code json_serialize_sql}) calls a refused function or
     * names a refused relation.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 'x' || '' /* */, 1 FROM query('SELECT 1')",
        "SELECT '/* ' FROM query('SELECT 1') -- */",
        "SELECT /* /* nested */ query('x') */ 1",
        "SELECT /* /* nested */ */ * FROM query('SELECT 1')",
        "SELECT E'\\'' AS a, 1 FROM query('SELECT 1')",
        "SELECT E'\\' , 1 FROM query(' AS x",
        "SELECT '\\' , 1 FROM query('SELECT 1') --'",
        "SELECT $$ ' $$ FROM query('SELECT 1')",
        "SELECT $a$ $$ ' $a$ FROM query('SELECT 1')",
        "SELECT $$ FROM query('SELECT 1') $$",
        "SELECT a$b$ FROM (SELECT 1 AS a$b$) , query('SELECT 1')",
        "SELECT 1 AS \"x\"\"y\" FROM query('SELECT 1')",
        "SELECT 1 AS \"query(\" FROM t",
        "SELECT \"query\" FROM (SELECT 1 AS \"query\")",
        "SELECT * FROM\u00a0query\u2003('SELECT 1')",
        "SELECT '\u00a0' , 1 FROM query\u00a0('SELECT 1')",
        "SELECT 1 -- query('x')\r, 2 FROM pragma_database_list",
        "SELECT x FROM \"pragma_database_list\" x",
        "SELECT * FROM system.main.duckdb_settings()",
        "SELECT current_setting('TimeZone') FROM duckdb_tables()",
        "SELECT 'pragma_database_list', 'query(' FROM range(1)",
    })
    void thePolicyRefusesExactlyWhatDuckDbsParserSeesCalled(String sql) throws SQLException {
        String tree = strings("SELECT json_serialize_sql('" + sql.replace("'", "''") + "')").get(0);
        assertThat(tree).as(sql).contains("\"error\":false");
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"(?:function_name|table_name)\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(tree);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        boolean duckDbSeesRefused = names.stream().anyMatch(name -> EngineFunctions.ofFunction(name).isPresent()
                || EngineFunctions.ofRelation(name).isPresent());
        boolean refused;
        try {
            EngineSqlPolicy.check(sql);
            refused = false;
        } catch (ServiceException e) {
            refused = true;
        }

        assertThat(refused).as(sql + " -> DuckDB sees " + names).isEqualTo(duckDbSeesRefused);
    }

    @Test
    void tableFunctionsThatReachFilesOrRunSqlAreRefused() throws SQLException {
        List<String> named = strings("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'table'"
                + " AND (function_name LIKE 'read\\_%' ESCAPE '\\' OR function_name LIKE '%parquet%'"
                + " OR function_name LIKE '%query%' OR function_name LIKE '%sql%' OR function_name LIKE '%log%'"
                + " OR function_name LIKE '%profil%' OR function_name LIKE '%secret%' OR function_name LIKE '%checkpoint%')");

        assertThat(named).contains("read_csv", "query", "query_table", "enable_logging", "checkpoint");
        assertThat(named).filteredOn(name -> !name.equals("duckdb_secret_types"))
                .allSatisfy(name -> assertThat(EngineFunctions.ofFunction(name)).as(name).isPresent());
    }
}
