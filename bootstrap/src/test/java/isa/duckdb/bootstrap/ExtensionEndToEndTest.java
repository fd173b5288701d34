package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExtensionInfo;
import isa.duckdb.api.InstallExtensionRequest;
import isa.duckdb.api.InstallExtensionResponse;
import isa.duckdb.api.ListExtensionsRequest;
import isa.duckdb.api.ListExtensionsResponse;
import isa.duckdb.domain.ExtensionAllowList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionEndToEndTest {
    private static final String USER = "ezra";
    private static final String DB = "ext";

    @TempDir
    static Path data;
    static RunningService service;
    static DuckDBServiceBlockingStub stub;

    @BeforeAll
    static void start() {
        service = RunningService.start(data, Duration.ofSeconds(30),
                ExtensionAllowList.parse("parquet,json,icu,core_functions,spatial"));
        stub = service.blocking();
        createDatabase(stub, USER, DB);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static InstallExtensionResponse install(String name) {
        return stub.installExtension(InstallExtensionRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setExtensionName(name).build());
    }

    @Test
    void theListComesFromDuckDbAndShowsBundledExtensionsLoaded() {
        ListExtensionsResponse response = stub.listExtensions(ListExtensionsRequest.newBuilder().setUserId(USER)
                .setDatabaseId(DB).build());

        assertThat(response.getError()).isEmpty();
        Map<String, ExtensionInfo> byName = response.getExtensionsList().stream()
                .collect(Collectors.toMap(ExtensionInfo::getName, Function.identity()));
        for (String bundled : new String[] {"parquet", "json", "icu", "core_functions"}) {
            assertThat(byName.get(bundled).getLoaded()).as(bundled).isTrue();
            assertThat(byName.get(bundled).getInstalled()).as(bundled).isTrue();
            assertThat(byName.get(bundled).getVersion()).as(bundled).startsWith("v");
            assertThat(byName.get(bundled).getDescription()).as(bundled).isNotBlank();
        }
        assertThat(byName.get("spatial").getInstalled()).isFalse();
        assertThat(byName.get("spatial").getLoaded()).isFalse();
    }

    @Test
    void aBundledExtensionInstallsAtOnceAndWorks() {
        InstallExtensionResponse response = install("json");

        assertThat(response.getError()).isEmpty();
        assertThat(response.getSuccess()).isTrue();
        assertThat(select(stub, USER, DB, "SELECT json_extract('{\"a\": 7}', '$.a')::INTEGER").getRows(0).getValues(0)
                .getIntValue()).isEqualTo(7);
    }

    @Test
    void anAllowedExtensionThatIsNotBundledFailsFastWithoutFetchingAnything() throws Exception {
        long start = System.nanoTime();
        InstallExtensionResponse response = install("spatial");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("FAILED_PRECONDITION:").contains("not bundled");
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".duckdb_extension"));
        }
    }

    @Test
    void anExtensionOffTheAllowListOrWithAPathForANameIsRefused() {
        assertThat(install("httpfs").getError()).startsWith("FAILED_PRECONDITION:").contains("allow-list");
        for (String bad : new String[] {"../../evil", "https://x/y.duckdb_extension", "JSON", "json; SET x=1", ""}) {
            assertThat(install(bad).getError()).as(bad).startsWith("INVALID_ARGUMENT:");
        }
    }

    @Test
    void clientSqlStillCannotInstallOrLoad() {
        for (String sql : new String[] {"INSTALL spatial", "LOAD spatial", "FORCE INSTALL json"}) {
            assertThat(Requests.statement(stub, USER, DB, sql).getError()).as(sql).startsWith("INVALID_ARGUMENT:");
        }
    }
}
