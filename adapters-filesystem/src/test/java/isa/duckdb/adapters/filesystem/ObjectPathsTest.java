package isa.duckdb.adapters.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The name checks alone: no file is created, read or written here. */
class ObjectPathsTest {

    private final Path root = Path.of("/srv/objects");
    private final ObjectPaths paths = new ObjectPaths(root);

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../x", "a/../../b", "../../../etc/passwd", "a/..", "..", ".",
        "a//b", "a/", "a\\b", "a\0b", "", ".upload-1.tmp", "x/.upload-2.tmp", "with..dots"})
    void rejectsKeysThatCouldEscapeOrHide(String key) {
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> paths.object("b", key));

        assertThat(e).as("key '%s'", key).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(e.getMessage()).doesNotContain("/srv").doesNotContain("\0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "/", "/etc", "a/b", "../x", "a\\b", "a\0b", ".hidden"})
    void rejectsBucketNamesThatCouldEscape(String bucket) {
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> paths.object(bucket, "k"));

        assertThat(e).as("bucket '%s'", bucket).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void rejectsNull() {
        assertThat(catchThrowableOfType(ServiceException.class, () -> paths.object(null, "k")).kind())
                .isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(catchThrowableOfType(ServiceException.class, () -> paths.object("b", null)).kind())
                .isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void resolvesKeysBelowTheBucketFolder() {
        assertThat(paths.object("tenant-1", "backups/2024/x.duckdb"))
                .isEqualTo(root.resolve("tenant-1").resolve("backups").resolve("2024").resolve("x.duckdb"));
        assertThat(paths.object("b", ".hidden/name.v1.duckdb")).isEqualTo(root.resolve("b/.hidden/name.v1.duckdb"));
    }

    @Test
    void keysUseSlashesWhateverTheSeparator() {
        Path folder = root.resolve("b");

        assertThat(ObjectPaths.keyOf(folder, folder.resolve("a").resolve("b").resolve("c"))).isEqualTo("a/b/c");
    }
}
