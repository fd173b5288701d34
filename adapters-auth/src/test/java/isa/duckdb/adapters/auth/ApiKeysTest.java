package isa.duckdb.adapters.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import isa.duckdb.application.testing.ManualClock;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path folder;
    private final ManualClock clock = new ManualClock();

    static String line(String key, String principal, String tenants) {
        return HexFormat.of().formatHex(ApiKeys.sha256(key)) + " " + principal + " " + tenants;
    }

    private ApiKeys keys(String... lines) throws Exception {
        Path file = folder.resolve("keys");
        Files.write(file, java.util.List.of(lines));
        return new ApiKeys(new ChangedFile(file, clock));
    }

    @Test
    void aListedKeyIsItsPrincipalActingAsItsTenants() throws Exception {
        ApiKeys keys = keys("# etl jobs", "", line("k-1", "etl", "alice,org-acme"));

        Principal principal = keys.find("k-1").orElseThrow();

        assertThat(principal.subject()).isEqualTo("etl");
        assertThat(principal.mayActAs(TenantId.of("alice"))).isTrue();
        assertThat(principal.mayActAs(TenantId.of("org-acme"))).isTrue();
        assertThat(principal.mayActAs(TenantId.of("bob"))).isFalse();
        assertThat(keys.find("k-2")).isEmpty();
        assertThat(keys.find("K-1")).isEmpty();
    }

    @Test
    void aStarMakesTheKeyAnAdministrator() throws Exception {
        Principal principal = keys(line("ops", "operator", "*")).find("ops").orElseThrow();

        assertThat(principal.isAdmin()).isTrue();
        assertThat(principal.mayActAs(TenantId.of("anyone"))).isTrue();
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenChangeKeepsTheLastGoodKeys() throws Exception {
        ApiKeys keys = keys(line("old", "etl", "alice"));
        Path file = folder.resolve("keys");

        Files.write(file, java.util.List.of(line("new", "etl", "alice")));
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertThat(keys.find("new")).as("not looked at within a second").isEmpty();
        clock.advance(ChangedFile.CHECK_EVERY);
        assertThat(keys.find("new")).isPresent();
        assertThat(keys.find("old")).isEmpty();

        Files.writeString(file, "not a key line at all\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 10_000));
        clock.advance(ChangedFile.CHECK_EVERY);
        assertThat(keys.find("new")).isPresent();
    }

    @Test
    void aMalformedLineIsAStartUpErrorNamingTheLine() {
        assertThatThrownBy(() -> keys("# header", "abc etl alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> keys(HexFormat.of().formatHex(ApiKeys.sha256("k")) + " etl ,"))
                .hasMessageContaining("no tenant");
    }

    @Test
    void theVerifierTellsJwtsFromApiKeys() throws Exception {
        Path file = folder.resolve("keys");
        Files.write(file, java.util.List.of(line("plain-key", "etl", "alice")));
        TokenVerifier verifier = TokenVerifier.create(new TokenSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(file)), clock);

        assertThat(verifier.verify("plain-key").subject()).isEqualTo("etl");
        assertThatThrownBy(() -> verifier.verify("other-key")).hasMessage("UNAUTHENTICATED: unknown API key");
        assertThatThrownBy(() -> verifier.verify("a.b.c")).hasMessageStartingWith("UNAUTHENTICATED: JWTs are not accepted");
    }
}
