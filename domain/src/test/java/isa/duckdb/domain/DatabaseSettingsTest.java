package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseSettingsTest {

    private static void assertInvalid(Map<String, String> config, String messagePart) {
        assertThatThrownBy(() -> DatabaseSettings.fromConfig(config))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

    @Test
    void emptyConfigGivesTheDefaults() {
        DatabaseSettings settings = DatabaseSettings.fromConfig(Map.of());

        assertThat(settings).isEqualTo(DatabaseSettings.DEFAULTS);
        assertThat(settings.threads()).isEmpty();
        assertThat(settings.memoryLimit()).isEmpty();
        assertThat(settings.asConfig()).isEmpty();
    }

    @Test
    void readsThreadsAndMemoryLimit() {
        DatabaseSettings settings = DatabaseSettings.fromConfig(Map.of("threads", "4", "memory_limit", "512MB"));

        assertThat(settings.threads()).contains(4);
        assertThat(settings.memoryLimit()).contains("512MB");
    }

    @Test
    void keysAreCaseInsensitiveAndValuesTrimmed() {
        DatabaseSettings settings = DatabaseSettings.fromConfig(Map.of("THREADS", " 8 ", "Memory_Limit", " 2gb "));

        assertThat(settings.threads()).contains(8);
        assertThat(settings.memoryLimit()).contains("2GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1024", "16"})
    void acceptsThreadsFrom1To1024(String threads) {
        assertThat(DatabaseSettings.fromConfig(Map.of("threads", threads)).threads())
                .contains(Integer.parseInt(threads));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1025", "99999999999", "four", "4.5", "", "0x10"})
    void refusesOtherThreadCounts(String threads) {
        assertInvalid(Map.of("threads", threads), "threads");
    }

    @ParameterizedTest
    @CsvSource({
        "512MB,      512MB",
        "2GB,        2GB",
        "2 GB,       2GB",
        "1.5gib,     1.5GIB",
        "100kb,      100KB",
        "1TB,        1TB",
        "4096B,      4096B",
    })
    void acceptsMemorySizesNormalized(String given, String stored) {
        assertThat(DatabaseSettings.fromConfig(Map.of("memory_limit", given)).memoryLimit()).contains(stored);
        assertThat(DatabaseSettings.isMemorySize(given)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "512", "-1GB", "1PB", "GB", "1.2345GB", "1234567GB", "80%", "1GB; SET x=1", "1 2GB"})
    void refusesOtherMemorySizes(String memory) {
        assertInvalid(Map.of("memory_limit", memory), "memory_limit");
        assertThat(DatabaseSettings.isMemorySize(memory)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"access_mode", "enable_external_access", "allow_unsigned_extensions", "temp_directory",
        "autoinstall_known_extensions", "thread", ""})
    void refusesAnyOtherKey(String key) {
        assertInvalid(Map.of(key, "x"), "supported keys: threads, memory_limit, timezone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Tokyo", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "EST5EDT", "asia/tokyo"})
    void keepsATimeZoneNameAsGiven(String zone) {
        DatabaseSettings settings = DatabaseSettings.fromConfig(Map.of("TimeZone", " " + zone + " "));

        assertThat(settings.timeZone()).contains(zone);
        assertThat(settings.effectiveTimeZone()).isEqualTo(zone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Asia/Tokyo'; SET x=1", "Europe Berlin", "+05:00", "Zürich",
        "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/X"})
    void refusesWhatCannotBeAZoneNameNamingTheOption(String zone) {
        assertInvalid(Map.of("timezone", zone), "config timezone");
    }

    @Test
    void withoutATimeZoneTheDatabaseRunsInUtc() {
        assertThat(DatabaseSettings.DEFAULTS.effectiveTimeZone()).isEqualTo("UTC");
        assertThat(DatabaseSettings.fromConfig(Map.of("threads", "2")).timeZone()).isEmpty();
    }

    @Test
    void theEnginesSpellingOfTheZoneReplacesTheGivenOneAndRoundTrips() {
        DatabaseSettings settings = DatabaseSettings.fromConfig(Map.of("timezone", "asia/tokyo", "threads", "2"))
                .withTimeZone("Asia/Tokyo");

        assertThat(settings.asConfig()).containsEntry("timezone", "Asia/Tokyo").containsEntry("threads", "2");
        assertThat(DatabaseSettings.fromConfig(settings.asConfig())).isEqualTo(settings);
    }

    @Test
    void refusedValueIsQuotedSafely() {
        assertThatThrownBy(() -> DatabaseSettings.fromConfig(Map.of("threads", "1\n2" + "9".repeat(100))))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("\n").contains("1?2").doesNotContain("9".repeat(70)));
    }

    @Test
    void asConfigRoundTrips() {
        DatabaseSettings settings = new DatabaseSettings(Optional.of(2), Optional.of("1GB"));

        assertThat(settings.asConfig()).containsExactly(Map.entry("memory_limit", "1GB"), Map.entry("threads", "2"));
        assertThat(DatabaseSettings.fromConfig(settings.asConfig())).isEqualTo(settings);
    }

    @Test
    void asConfigLeavesOutWhatIsNotSet() {
        assertThat(new DatabaseSettings(Optional.of(3), Optional.empty()).asConfig()).containsOnlyKeys("threads");
        assertThat(new DatabaseSettings(Optional.empty(), Optional.of("1GB")).asConfig()).containsOnlyKeys("memory_limit");
    }
}
