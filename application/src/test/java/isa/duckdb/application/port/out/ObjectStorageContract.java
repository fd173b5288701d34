package isa.duckdb.application.port.out;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of {@link ObjectStorage} relies on. Every implementation (fake or real adapter)
 * extends this class and returns, from {@link #storage()}, a fresh and empty storage per test,
 * typically created in a {@code @BeforeEach} method (on a {@code @TempDir} for file-based ones).
 */
public abstract class ObjectStorageContract {

    protected static final String BUCKET = "tenant-data";
    protected static final String OTHER_BUCKET = "other-tenant";

    /** Local files the tests upload from and download to; not part of the storage. */
    @TempDir
    protected Path localFiles;

    /** The storage under test: fresh and empty for each test. */
    protected abstract ObjectStorage storage();

    @Test
    void ensureBucketIsIdempotentAndKeepsObjects() {
        storage().ensureBucket(BUCKET);
        assertThat(storage().list(BUCKET, "")).isEmpty();
        storage().put(BUCKET, "kept", bytes("v1"));

        assertThatCode(() -> storage().ensureBucket(BUCKET)).doesNotThrowAnyException();

        assertThat(storage().get(BUCKET, "kept")).hasValueSatisfying(c -> assertThat(c).isEqualTo(bytes("v1")));
        assertThat(keys(storage().list(BUCKET, ""))).containsExactly("kept");
    }

    @Test
    void putThenGetReturnsTheSameBytes() {
        storage().ensureBucket(BUCKET);
        byte[] content = everyByteValue();

        storage().put(BUCKET, "blob.bin", content);
        content[0] = 42;

        byte[] read = storage().get(BUCKET, "blob.bin").orElseThrow();
        assertThat(read).isEqualTo(everyByteValue());
        read[1] = 42;
        assertThat(storage().get(BUCKET, "blob.bin").orElseThrow()).isEqualTo(everyByteValue());
    }

    @Test
    void emptyObjectRoundTrips() {
        storage().ensureBucket(BUCKET);

        storage().put(BUCKET, "empty", new byte[0]);

        assertThat(storage().get(BUCKET, "empty")).hasValueSatisfying(c -> assertThat(c).isEmpty());
        assertThat(storage().stat(BUCKET, "empty")).hasValueSatisfying(o -> assertThat(o.size()).isZero());
    }

    @Test
    void getOfMissingObjectIsEmpty() {
        storage().ensureBucket(BUCKET);
        storage().put(BUCKET, "present", bytes("x"));

        assertThat(storage().get(BUCKET, "absent")).isEmpty();
        assertThat(storage().get(BUCKET, "presen")).isEmpty();
        assertThat(storage().get("never-created", "present")).isEmpty();
    }

    @Test
    void statGivesSizeAndLastModified() {
        storage().ensureBucket(BUCKET);
        Instant before = Instant.now().minus(Duration.ofSeconds(5));

        storage().put(BUCKET, "dir/five", bytes("12345"));

        Instant after = Instant.now().plus(Duration.ofSeconds(5));
        StoredObject stat = storage().stat(BUCKET, "dir/five").orElseThrow();
        assertThat(stat.key()).isEqualTo("dir/five");
        assertThat(stat.size()).isEqualTo(5);
        assertThat(stat.lastModified()).isNotNull().isBetween(before, after);
        assertThat(storage().stat(BUCKET, "dir/six")).isEmpty();
        assertThat(storage().stat(BUCKET, "dir")).isEmpty();
    }

    @Test
    void listFiltersByPrefixAndSortsByKey() {
        storage().ensureBucket(BUCKET);
        for (String key : List.of("c", "b/2", "bb", "a", "b/1", "ab/z")) {
            storage().put(BUCKET, key, bytes(key));
        }

        assertThat(keys(storage().list(BUCKET, ""))).containsExactly("a", "ab/z", "b/1", "b/2", "bb", "c");
        assertThat(keys(storage().list(BUCKET, "b"))).containsExactly("b/1", "b/2", "bb");
        assertThat(keys(storage().list(BUCKET, "b/"))).containsExactly("b/1", "b/2");
        assertThat(keys(storage().list(BUCKET, "a"))).containsExactly("a", "ab/z");
        assertThat(storage().list(BUCKET, "d")).isEmpty();
        assertThat(storage().list(BUCKET, "bb")).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(2));
    }

    @Test
    void listOfMissingBucketIsEmpty() {
        assertThat(storage().list("never-created", "")).isEmpty();
        assertThat(storage().list("never-created", "x")).isEmpty();
    }

    @Test
    void listGivesNestedKeysWithTheirFullKey() {
        storage().ensureBucket(BUCKET);
        storage().put(BUCKET, "backups/x.duckdb", bytes("xx"));
        storage().put(BUCKET, "backups/2024/01/y.duckdb", bytes("yyy"));
        storage().put(BUCKET, "top.duckdb", bytes("t"));

        List<StoredObject> backups = storage().list(BUCKET, "backups/");

        assertThat(keys(backups)).containsExactly("backups/2024/01/y.duckdb", "backups/x.duckdb");
        assertThat(backups).extracting(StoredObject::size).containsExactly(3L, 2L);
        assertThat(backups).allSatisfy(o -> assertThat(o.lastModified()).isNotNull());
    }

    @Test
    void uploadAndDownloadOfAMultiMegabyteFileAreByteExact() throws IOException {
        storage().ensureBucket(BUCKET);
        Path source = localFiles.resolve("big.duckdb");
        byte[] content = new byte[5 * 1024 * 1024 + 123];
        new Random(7).nextBytes(content);
        Files.write(source, content);

        storage().upload(BUCKET, "backups/big.duckdb", source);
        Path target = localFiles.resolve("restored.duckdb");
        storage().download(BUCKET, "backups/big.duckdb", target);

        assertThat(storage().stat(BUCKET, "backups/big.duckdb").orElseThrow().size()).isEqualTo(content.length);
        assertThat(Files.mismatch(source, target)).isEqualTo(-1L);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(Files.readAllBytes(source)).isEqualTo(content);
    }

    @Test
    void uploadReplacesAnExistingObject() throws IOException {
        storage().ensureBucket(BUCKET);
        storage().put(BUCKET, "db", bytes("the old and longer content"));
        Path source = Files.write(localFiles.resolve("new"), bytes("new"));

        storage().upload(BUCKET, "db", source);

        assertThat(storage().get(BUCKET, "db").orElseThrow()).isEqualTo(bytes("new"));
        assertThat(storage().stat(BUCKET, "db").orElseThrow().size()).isEqualTo(3);
        assertThat(keys(storage().list(BUCKET, ""))).containsExactly("db");
    }

    @Test
    void uploadOfAMissingFileFailsAndLeavesNoObject() {
        storage().ensureBucket(BUCKET);
        storage().put(BUCKET, "kept", bytes("old"));

        ServiceException missingNew = catchThrowableOfType(ServiceException.class,
                () -> storage().upload(BUCKET, "new", localFiles.resolve("no-such-file")));
        ServiceException missingKept = catchThrowableOfType(ServiceException.class,
                () -> storage().upload(BUCKET, "kept", localFiles.resolve("no-such-file")));

        assertThat(missingNew).isNotNull();
        assertThat(missingKept).isNotNull();
        assertNoLocalPath(missingNew);
        assertThat(keys(storage().list(BUCKET, ""))).containsExactly("kept");
        assertThat(storage().get(BUCKET, "kept").orElseThrow()).isEqualTo(bytes("old"));
    }

    @Test
    void downloadOfMissingObjectIsNotFoundAndLeavesTheTargetAlone() throws IOException {
        storage().ensureBucket(BUCKET);
        Path fresh = localFiles.resolve("fresh");
        Path existing = Files.write(localFiles.resolve("existing"), bytes("mine"));

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> storage().download(BUCKET, "missing.duckdb", fresh));
        ServiceException e2 = catchThrowableOfType(ServiceException.class,
                () -> storage().download("never-created", "missing.duckdb", existing));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(e2).isNotNull();
        assertThat(e2.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fresh).doesNotExist();
        assertThat(existing).hasBinaryContent(bytes("mine"));
    }

    @Test
    void downloadReplacesAnExistingTarget() throws IOException {
        storage().ensureBucket(BUCKET);
        storage().put(BUCKET, "db", bytes("short"));
        Path target = Files.write(localFiles.resolve("target"), bytes("a much longer previous content"));

        storage().download(BUCKET, "db", target);

        assertThat(target).hasBinaryContent(bytes("short"));
    }

    @Test
    void deleteRemovesTheObjectAndDeletingAMissingOneIsFine() {
        storage().ensureBucket(BUCKET);
        storage().put(BUCKET, "gone/a", bytes("a"));
        storage().put(BUCKET, "stays", bytes("b"));

        storage().delete(BUCKET, "gone/a");

        assertThat(storage().get(BUCKET, "gone/a")).isEmpty();
        assertThat(storage().stat(BUCKET, "gone/a")).isEmpty();
        assertThat(keys(storage().list(BUCKET, ""))).containsExactly("stays");
        assertThatCode(() -> storage().delete(BUCKET, "gone/a")).doesNotThrowAnyException();
        assertThatCode(() -> storage().delete(BUCKET, "never-existed")).doesNotThrowAnyException();
        assertThatCode(() -> storage().delete("never-created", "x")).doesNotThrowAnyException();
        assertThat(storage().get(BUCKET, "stays").orElseThrow()).isEqualTo(bytes("b"));
    }

    @Test
    void copyInsideABucketLeavesTheSourceAndReplacesTheTarget() {
        storage().ensureBucket(BUCKET);
        storage().put(BUCKET, "live.duckdb", bytes("live"));
        storage().put(BUCKET, "backups/old.duckdb", bytes("older and longer"));

        storage().copy(BUCKET, "live.duckdb", "backups/new.duckdb");
        storage().copy(BUCKET, "live.duckdb", "backups/old.duckdb");

        assertThat(storage().get(BUCKET, "live.duckdb").orElseThrow()).isEqualTo(bytes("live"));
        assertThat(storage().get(BUCKET, "backups/new.duckdb").orElseThrow()).isEqualTo(bytes("live"));
        assertThat(storage().get(BUCKET, "backups/old.duckdb").orElseThrow()).isEqualTo(bytes("live"));
        assertThat(storage().stat(BUCKET, "backups/new.duckdb").orElseThrow().size()).isEqualTo(4);
        assertThat(keys(storage().list(BUCKET, "")))
                .containsExactly("backups/new.duckdb", "backups/old.duckdb", "live.duckdb");
    }

    @Test
    void copyOfAMissingSourceIsNotFoundAndCreatesNothing() {
        storage().ensureBucket(BUCKET);

        ServiceException e = catchThrowableOfType(ServiceException.class,
                () -> storage().copy(BUCKET, "missing", "target"));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(storage().list(BUCKET, "")).isEmpty();
    }

    @Test
    void keysAreIsolatedPerBucket() {
        storage().ensureBucket(BUCKET);
        storage().ensureBucket(OTHER_BUCKET);
        storage().put(BUCKET, "same/key", bytes("mine"));
        storage().put(OTHER_BUCKET, "same/key", bytes("theirs"));
        storage().put(OTHER_BUCKET, "only-theirs", bytes("t"));

        assertThat(storage().get(BUCKET, "same/key").orElseThrow()).isEqualTo(bytes("mine"));
        assertThat(storage().get(BUCKET, "only-theirs")).isEmpty();
        assertThat(keys(storage().list(BUCKET, ""))).containsExactly("same/key");

        storage().delete(BUCKET, "same/key");

        assertThat(storage().get(OTHER_BUCKET, "same/key").orElseThrow()).isEqualTo(bytes("theirs"));
        assertThat(keys(storage().list(OTHER_BUCKET, ""))).containsExactly("only-theirs", "same/key");
    }

    @Test
    void writingIntoABucketThatWasNeverCreatedIsNotFound() throws IOException {
        Path source = Files.write(localFiles.resolve("f"), bytes("f"));

        ServiceException put = catchThrowableOfType(ServiceException.class,
                () -> storage().put("never-created", "k", bytes("x")));
        ServiceException upload = catchThrowableOfType(ServiceException.class,
                () -> storage().upload("never-created", "k", source));

        assertThat(put).isNotNull();
        assertThat(put.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(upload).isNotNull();
        assertThat(upload.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(storage().list("never-created", "")).isEmpty();
    }

    @Test
    void emptyBucketOrKeyIsInvalid() {
        storage().ensureBucket(BUCKET);

        assertThat(kindOf(() -> storage().put(BUCKET, "", bytes("x")))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(kindOf(() -> storage().get(BUCKET, ""))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(kindOf(() -> storage().ensureBucket(""))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(kindOf(() -> storage().put("", "k", bytes("x")))).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(storage().list(BUCKET, "")).isEmpty();
    }

    @Test
    void errorMessagesNeverContainALocalPath() throws IOException {
        storage().ensureBucket(BUCKET);
        Path target = localFiles.resolve("target");

        List<ServiceException> errors = List.of(
                catchThrowableOfType(ServiceException.class, () -> storage().download(BUCKET, "no/such.duckdb", target)),
                catchThrowableOfType(ServiceException.class, () -> storage().copy(BUCKET, "no/such.duckdb", "t")),
                catchThrowableOfType(ServiceException.class,
                        () -> storage().upload(BUCKET, "k", localFiles.resolve("no-such-file"))));

        assertThat(errors).doesNotContainNull();
        assertThat(errors.get(0).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(errors.get(0).getMessage()).contains("no/such.duckdb").contains(BUCKET);
        errors.forEach(ObjectStorageContract::assertNoLocalPath);
    }

    @Test
    void concurrentWritersDoNotLoseObjects() throws Exception {
        storage().ensureBucket(BUCKET);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String key = "many/" + (i % 8) + "/" + i;
                done.add(pool.submit(() -> {
                    storage().put(BUCKET, key, bytes(key));
                    storage().put(BUCKET, "shared", bytes(key));
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(storage().list(BUCKET, "many/")).hasSize(64)
                .allSatisfy(o -> assertThat(storage().get(BUCKET, o.key()).orElseThrow()).isEqualTo(bytes(o.key())));
        assertThat(new String(storage().get(BUCKET, "shared").orElseThrow(), UTF_8)).startsWith("many/");
    }

    @Test
    void checkReachableDoesNotThrowAndTheBackendHasAName() {
        assertThatCode(() -> storage().checkReachable()).doesNotThrowAnyException();
        assertThat(storage().backendName()).isNotBlank();
    }

    /** The message of a {@link ServiceException} is shown to callers: it must never name a local path. */
    protected static void assertNoLocalPath(ServiceException e) {
        assertThat(e.getMessage())
                .doesNotContain(File.separator + "tmp")
                .doesNotContain(System.getProperty("java.io.tmpdir"));
    }

    protected static ErrorKind kindOf(Runnable call) {
        ServiceException e = catchThrowableOfType(ServiceException.class, call::run);
        assertThat(e).as("a ServiceException").isNotNull();
        return e.kind();
    }

    protected static List<String> keys(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::key).toList();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static byte[] everyByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }
}
