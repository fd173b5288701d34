package isa.duckdb.adapters.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.application.port.out.ObjectStorageContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesystemObjectStorageAdapterTest extends ObjectStorageContract {

    /** Stands for an absolute key into the sandbox, which only exists once the test runs. */
    private static final String ABSOLUTE_MARKER = "<absolute>";

    @TempDir
    Path sandbox;

    private Path root;
    private FilesystemObjectStorageAdapter storage;

    @BeforeEach
    void createStorage() {
        root = sandbox.resolve("storage");
        storage = new FilesystemObjectStorageAdapter(root);
    }

    @Override
    protected ObjectStorage storage() {
        return storage;
    }

    @Test
    void isNamedFilesystem() {
        assertThat(storage.backendName()).isEqualTo("filesystem");
    }

    @Test
    void bucketsAreFoldersAndKeysAreRelativePaths() {
        storage.ensureBucket(BUCKET);

        storage.put(BUCKET, "backups/2024/x.duckdb", bytes("x"));

        assertThat(root.resolve(BUCKET).resolve("backups").resolve("2024").resolve("x.duckdb"))
                .isRegularFile().hasBinaryContent(bytes("x"));
    }

    /**
     * Every call, writes included, with keys whose escape would still land inside the sandbox
     * (an absolute key points into it too), so a broken check can never touch a real file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../b", "../../c", "a/..", "..", ".", "./a", "a/./b", "a//b",
        "a/", "a\\b", "..\\x", "a\0b", "", ".upload-123.tmp", "dir/.upload-x", ABSOLUTE_MARKER})
    void keysThatCouldEscapeOrHideAreRejected(String keyOrMarker) throws IOException {
        String key = keyOrMarker.equals(ABSOLUTE_MARKER) ? sandbox.resolve("escaped").toString() : keyOrMarker;
        storage.ensureBucket(BUCKET);
        Path source = Files.write(localFiles.resolve("src"), bytes("evil"));

        List<Runnable> calls = List.of(
                () -> storage.put(BUCKET, key, bytes("evil")),
                () -> storage.upload(BUCKET, key, source),
                () -> storage.get(BUCKET, key),
                () -> storage.stat(BUCKET, key),
                () -> storage.download(BUCKET, key, localFiles.resolve("out")),
                () -> storage.delete(BUCKET, key),
                () -> storage.copy(BUCKET, key, "t"),
                () -> storage.put(BUCKET, "ok", bytes("ok")),
                () -> storage.copy(BUCKET, "ok", key));

        for (int i = 0; i < calls.size(); i++) {
            if (i == 7) {
                calls.get(i).run();
                continue;
            }
            ServiceException e = catchThrowableOfType(ServiceException.class, calls.get(i)::run);
            assertThat(e).as("call %d with key '%s'", i, key).isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertNoStoragePath(e, keyOrMarker);
        }
        assertThat(keys(storage.list(BUCKET, ""))).containsExactly("ok");
        assertThat(localFiles.resolve("out")).doesNotExist();
        assertThat(allFilesBelow(sandbox)).containsExactly(root.resolve(BUCKET).resolve("ok"));
    }

    /** Only calls that cannot change a file: "/etc/passwd" must not even be read. */
    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../../../../../../etc/passwd", "a/../../../../../../../etc/passwd"})
    void keysNamingSystemFilesAreRejectedBeforeAnyAccess(String key) {
        storage.ensureBucket(BUCKET);
        Path target = localFiles.resolve("out");

        List<Runnable> readOnlyCalls = List.of(
                () -> storage.get(BUCKET, key),
                () -> storage.stat(BUCKET, key),
                () -> storage.download(BUCKET, key, target));

        for (Runnable call : readOnlyCalls) {
            assertThat(kindOf(call)).as("key '%s'", key).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "a/b", "../x", "a\\b", "a\0b", ".hidden", "-dash", ABSOLUTE_MARKER})
    void bucketNamesThatCouldEscapeAreRejected(String bucketOrMarker) {
        String bucket = bucketOrMarker.equals(ABSOLUTE_MARKER) ? sandbox.resolve("escaped").toString() : bucketOrMarker;
        List<Runnable> calls = List.of(
                () -> storage.ensureBucket(bucket),
                () -> storage.put(bucket, "k", bytes("evil")),
                () -> storage.get(bucket, "k"),
                () -> storage.list(bucket, ""),
                () -> storage.delete(bucket, "k"));

        for (Runnable call : calls) {
            ServiceException e = catchThrowableOfType(ServiceException.class, call::run);
            assertThat(e).as("bucket '%s'", bucket).isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertNoStoragePath(e, bucketOrMarker);
        }
        assertThat(allFilesBelow(sandbox)).isEmpty();
    }

    @Test
    void keysWithDotsInsideANameAreFine() {
        storage.ensureBucket(BUCKET);

        storage.put(BUCKET, "backups/tenant.v1.duckdb", bytes("v"));
        storage.put(BUCKET, ".hidden/x", bytes("h"));

        assertThat(keys(storage.list(BUCKET, ""))).containsExactly(".hidden/x", "backups/tenant.v1.duckdb");
    }

    @Test
    void aFailedUploadNeverLeavesAVisibleObjectOrATemporaryFile() throws IOException {
        storage.ensureBucket(BUCKET);
        Path folderAsSource = Files.createDirectories(localFiles.resolve("a-folder"));

        ServiceException missing = catchThrowableOfType(ServiceException.class,
                () -> storage.upload(BUCKET, "backups/x.duckdb", localFiles.resolve("no-such-file")));
        ServiceException folder = catchThrowableOfType(ServiceException.class,
                () -> storage.upload(BUCKET, "backups/y.duckdb", folderAsSource));

        assertThat(missing).isNotNull();
        assertThat(folder).isNotNull();
        assertThat(storage.list(BUCKET, "")).isEmpty();
        assertThat(storage.stat(BUCKET, "backups/x.duckdb")).isEmpty();
        assertThat(allFilesBelow(root)).isEmpty();
    }

    @Test
    void listSkipsUploadsInProgress() throws IOException {
        storage.ensureBucket(BUCKET);
        storage.put(BUCKET, "backups/done.duckdb", bytes("done"));
        Files.write(root.resolve(BUCKET).resolve("backups").resolve(".upload-123.tmp"), bytes("part"));
        Files.write(root.resolve(BUCKET).resolve(".upload-456.tmp"), bytes("part"));

        assertThat(keys(storage.list(BUCKET, ""))).containsExactly("backups/done.duckdb");
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws IOException {
        storage.ensureBucket(BUCKET);
        Path source = Files.write(localFiles.resolve("src"), bytes("content"));

        storage.put(BUCKET, "a/put", bytes("p"));
        storage.upload(BUCKET, "a/upload", source);
        storage.copy(BUCKET, "a/put", "b/copy");
        storage.download(BUCKET, "a/upload", localFiles.resolve("down"));

        Path bucket = root.resolve(BUCKET);
        assertThat(allFilesBelow(root)).containsExactlyInAnyOrder(
                bucket.resolve("a").resolve("put"), bucket.resolve("a").resolve("upload"),
                bucket.resolve("b").resolve("copy"));
        assertThat(allFilesBelow(localFiles)).containsExactlyInAnyOrder(source, localFiles.resolve("down"));
    }

    @Test
    void deleteRemovesTheFoldersItLeavesEmpty() {
        storage.ensureBucket(BUCKET);
        storage.put(BUCKET, "a/b/c", bytes("c"));
        storage.put(BUCKET, "a/kept", bytes("k"));

        storage.delete(BUCKET, "a/b/c");

        assertThat(root.resolve(BUCKET).resolve("a").resolve("b")).doesNotExist();
        assertThat(root.resolve(BUCKET).resolve("a")).isDirectory();
        storage.delete(BUCKET, "a/kept");
        assertThat(root.resolve(BUCKET)).isEmptyDirectory();
        storage.put(BUCKET, "a/b/c", bytes("again"));
        assertThat(storage.get(BUCKET, "a/b/c").orElseThrow()).isEqualTo(bytes("again"));
    }

    @Test
    void aKeyBelowAnObjectConflictsWithoutNamingAPath() {
        storage.ensureBucket(BUCKET);
        storage.put(BUCKET, "a", bytes("file"));
        storage.put(BUCKET, "d/x", bytes("x"));

        ServiceException below = catchThrowableOfType(ServiceException.class,
                () -> storage.put(BUCKET, "a/b", bytes("x")));
        ServiceException onFolder = catchThrowableOfType(ServiceException.class,
                () -> storage.put(BUCKET, "d", bytes("x")));

        assertThat(below.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
        assertThat(onFolder.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
        assertNoLocalPath(below);
        assertNoLocalPath(onFolder);
        assertThat(storage.get(BUCKET, "a/b")).isEmpty();
        assertThat(storage.stat(BUCKET, "a/b")).isEmpty();
        assertThat(storage.get(BUCKET, "d")).isEmpty();
        assertThatCode(() -> storage.delete(BUCKET, "a/b")).doesNotThrowAnyException();
        assertThatCode(() -> storage.delete(BUCKET, "d")).doesNotThrowAnyException();
        assertThat(keys(storage.list(BUCKET, ""))).containsExactly("a", "d/x");
    }

    @Test
    void ioFailuresAreUnavailableWithoutAPath() {
        storage.ensureBucket(BUCKET);
        storage.put(BUCKET, "k", bytes("v"));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> storage.download(BUCKET, "k", localFiles.resolve("missing-folder").resolve("target")));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("'k'").contains(BUCKET);
        assertNoLocalPath(e);
    }

    @Test
    void checkReachableCreatesAMissingRoot() {
        assertThat(root).doesNotExist();

        storage.checkReachable();

        assertThat(root).isDirectory();
    }

    @Test
    void checkReachableFailsWhenTheRootIsNoFolder() throws IOException {
        Path file = Files.write(sandbox.resolve("a-file"), bytes("x"));
        FilesystemObjectStorageAdapter broken = new FilesystemObjectStorageAdapter(file);

        ServiceException e = catchThrowableOfType(ServiceException.class, broken::checkReachable);

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertNoLocalPath(e);
    }

    /** An absolute name given by the caller may be echoed; the storage root never is. */
    private void assertNoStoragePath(ServiceException e, String nameOrMarker) {
        assertThat(e.getMessage()).doesNotContain(root.toString());
        if (!nameOrMarker.equals(ABSOLUTE_MARKER)) {
            assertNoLocalPath(e);
        }
    }

    private static List<Path> allFilesBelow(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
