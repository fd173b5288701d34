package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.ExecuteBatchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "mallory";
    private static final String DB = "escape";

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, DB);
        createDatabase(stub, "victim", "secrets");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/*')",
        "SELECT * FROM read_blob('../../storage/user-victim-duckdb/secrets.duckdb')",
        "ATTACH '/tmp/evil.duckdb' AS evil",
        "ATTACH ':memory:' AS m",
        "COPY (SELECT 1) TO '/tmp/evil.csv'",
        "EXPORT DATABASE '/tmp/evil'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET threads = 64",
        "RESET memory_limit",
        "PRAGMA enable_profiling",
        "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 's')",
        "SELECT 1; ATTACH '/tmp/evil2.duckdb' AS e2",
        "/* hidden */ load json"
    })
    void escapesFailWithACodeWordAndNoServerPath(String sql) throws Exception {
        var response = stub.executeQuery(query(USER, DB, sql).build());
        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).matches("(?s)^(INVALID_ARGUMENT|NOT_FOUND|FAILED_PRECONDITION): .+");
        assertThat(response.getError()).doesNotContain(data.toString());
        var statement = Requests.statement(stub, USER, DB, sql);
        assertThat(statement.getSuccess()).isFalse();
        var batch = stub.executeBatch(ExecuteBatchRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .addAllStatements(List.of(sql)).build());
        assertThat(batch.getSuccess()).isFalse();
        for (String written : List.of("/tmp/evil.duckdb", "/tmp/evil.csv", "/tmp/evil", "/tmp/evil2.duckdb")) {
            assertThat(Files.exists(Path.of(written))).as(written).isFalse();
        }
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("evil"));
        }
    }
}
