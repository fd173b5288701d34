package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scripts marked "checked against DuckDB" below were run on DuckDB 1.5 and did run the hidden
 * engine statement there, so the policy has to see it too.
 */
class ClientSqlPolicyTest {

    private static void check(String sql) {
        ClientSqlPolicy.check(SqlScript.parse(sql));
    }

    private static void assertRefused(String sql) {
        assertThatThrownBy(() -> check(sql))
                .as("refuses %s", sql)
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ATTACH 'other.db' AS other",
        "ATTACH OR REPLACE ':memory:' AS m",
        "DETACH other",
        "INSTALL httpfs",
        "FORCE INSTALL httpfs",
        "FORCE",
        "LOAD httpfs",
        "SET threads = 64",
        "SET GLOBAL memory_limit = '100GB'",
        "SET VARIABLE x = 1",
        "RESET threads",
        "COPY t TO 'out.csv'",
        "COPY t FROM 'in.csv'",
        "COPY (SELECT 1) TO 'out.parquet' (FORMAT parquet)",
        "COPY FROM DATABASE a TO b",
        "EXPORT DATABASE 'dir'",
        "IMPORT DATABASE 'dir'",
        "USE other",
        "PRAGMA enable_profiling",
        "PRAGMA memory_limit = '100GB'",
        "PRAGMA threads = 64",
        "PRAGMA",
        "CREATE SECRET s3 (TYPE s3, KEY_ID 'k')",
        "CREATE OR REPLACE SECRET (TYPE s3)",
        "CREATE PERSISTENT SECRET s (TYPE s3)",
        "CREATE OR REPLACE TEMPORARY SECRET s (TYPE s3)",
        "CREATE TEMP SECRET s (TYPE s3)",
        "DROP SECRET s",
        "DROP PERSISTENT SECRET s",
        "UPDATE EXTENSIONS",
        "UPDATE EXTENSIONS (httpfs)",
    })
    void refusesEngineManagementStatements(String sql) {
        assertRefused(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "attach 'x.db'",
        "Load httpfs",
        "set threads=1",
        "pragma ENABLE_PROFILING",
        "create secret (type s3)",
        "copy t to 'x'",
    })
    void refusesInAnyLetterCase(String sql) {
        assertRefused(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; ATTACH 'x'",
        "SELECT 1;ATTACH 'x'",
        "CREATE TABLE t (a INT); INSERT INTO t VALUES (1); SET threads = 1; SELECT * FROM t",
        "SELECT 'a;b'; LOAD httpfs",
        "SELECT $$;$$; INSTALL httpfs",
        "SELECT 1 /* ; */; DETACH x",
    })
    void refusesWhenHiddenAfterOtherStatements(String sql) {
        assertRefused(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/* c */ LOAD x",
        "-- c\nSET a=1",
        "/* a /* nested */ b */ ATTACH 'x'",
        "-- one\n-- two\n  /* three */\n\tUSE other",
        "(ATTACH 'x')",
    })
    void refusesAfterCommentsAndParentheses(String sql) {
        assertRefused(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "EXPLAIN ATTACH 'x'",
        "EXPLAIN LOAD httpfs",
        "EXPLAIN ANALYZE SET threads = 1",
        "explain analyze copy t to 'x'",
        "EXPLAIN ANALYSE SET threads = 1",           // checked against DuckDB
        "EXPLAIN VERBOSE SET threads = 1",
        "EXPLAIN ANALYZE VERBOSE LOAD httpfs",
        "EXPLAIN (ANALYZE) SET threads = 1",          // checked against DuckDB
        "EXPLAIN (ANALYZE, FORMAT json) RESET threads",
        "EXPLAIN (FORMAT json) PRAGMA enable_profiling",
        "EXPLAIN ANALYZE CREATE OR REPLACE PERSISTENT SECRET s (TYPE s3)",
        "/* c */ EXPLAIN -- c\n ANALYZE /* c */ COPY t TO 'x'",
    })
    void refusesBehindExplain(String sql) {
        assertRefused(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PREPARE p AS COPY (SELECT 1) TO 'out.csv'",  // checked against DuckDB: EXECUTE p wrote the file
        "PREPARE p(INTEGER) AS COPY (SELECT $1) TO 'out.csv'",
        "prepare \"p\" as copy t from 'x'",
        "EXPLAIN PREPARE p AS COPY t TO 'x'",
    })
    void refusesBehindPrepare(String sql) {
        assertRefused(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1 AS a$b$; ATTACH ':memory:' AS y; SELECT 1 AS c$b$",
        "SELECT 1 AS \u20ac$b$; ATTACH ':memory:' AS y; SELECT 1 AS \u20ac$b$",
        "SELECT 1 --x\r; ATTACH ':memory:' AS y",
        "\u00A0ATTACH ':memory:' AS y",
        "SELECT 1;\u200BATTACH ':memory:' AS y",
        "\uFEFFSET threads = 1",
        "SELECT 1;\u3000LOAD httpfs",
    })
    void refusesWhatOnlyDuckDbsOwnLexicalRulesReveal(String sql) { // each checked against DuckDB
        assertRefused(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "select * from t where name = 'x'",
        "WITH q AS (SELECT 1 AS a) SELECT a FROM q",
        "FROM t SELECT a",
        "INSERT INTO t VALUES (1, 'two')",
        "UPDATE t SET a = 1 WHERE b = 2",
        "DELETE FROM t WHERE a = 1",
        "CREATE TABLE t (a INTEGER, b VARCHAR)",
        "CREATE OR REPLACE TABLE secret (a INT)",
        "CREATE TABLE load AS SELECT 1",
        "CREATE VIEW v AS SELECT * FROM t",
        "CREATE MACRO add(a, b) AS a + b",
        "CREATE OR REPLACE TEMP MACRO twice(x) AS x * 2",
        "CREATE SEQUENCE s",
        "DROP TABLE secret",
        "ALTER TABLE t ADD COLUMN c INT",
        "CHECKPOINT",
        "FORCE CHECKPOINT",
        "force checkpoint",
        "PRAGMA table_info('t')",
        "pragma table_info('t')",
        "PRAGMA show_tables",
        "PRAGMA database_size",
        "PRAGMA version",
        "DESCRIBE t",
        "SUMMARIZE t",
        "SHOW TABLES",
        "EXPLAIN SELECT 1",
        "EXPLAIN ANALYZE SELECT * FROM t",
        "EXPLAIN (FORMAT json) SELECT 1",
        "PREPARE q AS SELECT $1",
        "UPDATE extensions SET name = 'x'",
        "UPDATE extensions AS e SET name = 'x'",
        "BEGIN TRANSACTION; INSERT INTO t VALUES (1); COMMIT",
        "",
        "-- just a comment",
        ";;",
    })
    void allowsOrdinarySql(String sql) {
        assertThatCode(() -> check(sql)).as("allows %s", sql).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 'ATTACH' AS set_x",
        "SELECT 1 AS \"load\"",
        "SELECT \"ATTACH\", \"set\" FROM \"copy\"",
        "SELECT 1 -- ; ATTACH 'x'",
        "SELECT 1 /* ; LOAD httpfs */",
        "SELECT 1 /* a /* b */ ; LOAD httpfs */",
        "SELECT $$; ATTACH 'x'$$",
        "SELECT $t$; SET threads = 1; $t$",
        "SELECT E'\\'; SET threads = 1'",
        "SELECT 'it''s; COPY t TO ''x'''",
        "SELECT load, attach, copy FROM t",
        "SELECT 1 AS a$b$, 2 AS c$b$",
        "SELECT 'x\u00A0ATTACH'",
        "SELECT 1;\u2028ATTACH ':memory:' AS y",    // DuckDB reads \u2028ATTACH as one identifier: syntax error
    })
    void allowsForbiddenWordsThatAreNotStatements(String sql) {
        assertThatCode(() -> check(sql)).as("allows %s", sql).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXPLAIN", "EXPLAIN (ANALYZE", "EXPLAIN ANALYZE", "PREPARE", "PREPARE p AS", "PREPARE p (",
        "(", "((SELECT 1", "CREATE OR REPLACE", "DROP", "UPDATE EXTENSIONS x"})
    void incompleteStatementsThatRunNothingAreLeftForDuckDbToRefuse(String sql) {
        assertThatCode(() -> check(sql)).as("allows %s", sql).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LOAD httpfs                   | LOAD",
        "SELECT 1; set threads=1       | SET",
        "PRAGMA enable_profiling       | PRAGMA enable_profiling",
        "CREATE SECRET (TYPE s3)       | CREATE SECRET",
        "DROP SECRET s                 | DROP SECRET",
        "EXPLAIN ANALYZE COPY t TO 'x' | COPY",
    })
    void messageNamesTheRefusedStatement(String sql, String named) {
        assertThatThrownBy(() -> check(sql))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getMessage()).startsWith("INVALID_ARGUMENT: ");
                    assertThat(e.detail()).startsWith(named + " statements are not allowed");
                });
    }

    @Test
    void refusedScriptIsRefusedAsAWholeEvenWhenTheForbiddenStatementIsLast() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sql.append("INSERT INTO t VALUES (").append(i).append(");\n");
        }
        assertThatCode(() -> check(sql.toString())).doesNotThrowAnyException();

        sql.append("DETACH db");

        assertRefused(sql.toString());
    }
}
