package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ErrorKind;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListExtensions and InstallExtension: only allowed names, only what the engine has at hand. */
class ExtensionServiceTest {
    @TempDir
    Path work;
    private final RecordingCatalogEngine engine = new RecordingCatalogEngine();
    private ServiceHarness harness;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        harness.create(LENA, "sales");
    }

    private String install(String allowList, String name) {
        return harness.extensions(allowList).install(Caller.trusted(LENA), "sales", name, CancellationSignal.none());
    }

    @Test
    void theEnginesExtensionsAreListedWithTheirState() {
        assertThat(harness.extensions("json").list(Caller.trusted(LENA), "sales", CancellationSignal.none()))
                .extracting(EngineExtension::name, EngineExtension::loaded)
                .contains(org.assertj.core.groups.Tuple.tuple("json", true),
                        org.assertj.core.groups.Tuple.tuple("httpfs", false));
    }

    @Test
    void anInstalledExtensionIsLoaded() {
        engine.offerInstalled("inet");

        String message = install("json,inet", "inet");

        assertThat(message).isEqualTo("extension 'inet' loaded");
        assertThat(engine.changes()).containsExactly("loadExtension inet");
    }

    @Test
    void aLoadedExtensionIsNotLoadedAgain() {
        String message = install("json", "json");

        assertThat(message).isEqualTo("extension 'json' is bundled and already loaded");
        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void anExtensionOffTheAllowListIsRefusedNamingTheList() {
        String message = failureOf(() -> install("json, parquet", "icu"), ErrorKind.FAILED_PRECONDITION).getMessage();
        String empty = failureOf(() -> install("", "json"), ErrorKind.FAILED_PRECONDITION).getMessage();

        assertThat(message).contains("'icu'", "json, parquet");
        assertThat(empty).contains("(empty)");
        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void anExtensionThatWouldNeedADownloadIsRefused() {
        String message = failureOf(() -> install("httpfs", "httpfs"), ErrorKind.FAILED_PRECONDITION).getMessage();

        assertThat(message).contains("never downloads");
        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void anExtensionTheEngineDoesNotKnowIsRefused() {
        failureOf(() -> install("made_up", "made_up"), ErrorKind.FAILED_PRECONDITION);
    }

    @Test
    void aNameThatIsNoPlainExtensionNameIsInvalid() {
        failureOf(() -> install("json", "../../evil.so"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> install("json", "https://x/y"), ErrorKind.INVALID_ARGUMENT);
    }
}
