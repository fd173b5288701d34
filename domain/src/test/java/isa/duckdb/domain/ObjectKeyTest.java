package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An object key names a file inside the caller's bucket and can never reach outside it. */
class ObjectKeyTest {

    private static void assertRefused(String key, String reason) {
        assertThatThrownBy(() -> ObjectKey.of(key))
                .as("refuses %s", key)
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).startsWith("INVALID_ARGUMENT: object_key").contains(reason);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"data.csv", "imports/2024/01/sales.parquet", ".hidden", "a..b", "...", "v1.2/x..y.json",
        "with space/ünïcödé €.csv", "a/b/c"})
    void relativeKeysInsideTheBucketAreKeptAsGiven(String key) {
        ObjectKey objectKey = ObjectKey.of(key);

        assertThat(objectKey.value()).isEqualTo(key);
        assertThat(objectKey).hasToString(key).isEqualTo(new ObjectKey(key));
    }

    @Test
    void aMissingKeyIsRefused() {
        assertRefused(null, "is required");
        assertRefused("", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/data.csv", "a\\b.csv", "..\\secret", "a\0b", "\0", "a\nb", "a\rb",
        "tab\there", "del\u007f", "c1\u0085"})
    void absoluteKeysBackslashesAndControlCharactersAreRefused(String key) {
        assertRefused(key, "must be a relative key without backslashes or control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../other-tenant/db.duckdb", "a/../../b", "a/..", ".", "./a", "a/./b", "a/.",
        "a//b", "a/", "a/b/"})
    void dotSegmentsAndEmptySegmentsAreRefused(String key) {
        assertRefused(key, "may not contain '.', '..' or empty path segments");
    }

    @Test
    void theKeyIsLimitedTo1024BytesOfUtf8() {
        assertThat(ObjectKey.of("k".repeat(1024)).value()).hasSize(1024);
        assertThat(ObjectKey.of("é".repeat(512)).value()).hasSize(512);

        assertRefused("k".repeat(1025), "is longer than 1024 bytes");
        assertRefused("é".repeat(513), "is longer than 1024 bytes");
    }

    @Test
    void theErrorQuotesTheKeyWithoutItsControlCharacters() {
        assertThatThrownBy(() -> ObjectKey.of("bad\n/../key"))
                .hasMessageContaining("'bad?/../key'")
                .hasMessageNotContaining("\n");
    }
}
