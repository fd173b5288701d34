package isa.duckdb.application.port.out;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An {@link ObjectStorage} that keeps its buckets in maps, for tests. Thread-safe: every
 * operation on the maps holds the instance lock; file I/O happens outside of it.
 *
 * <p>{@link #setAvailable(boolean) setAvailable(false)} simulates an outage: every port
 * operation except {@link #backendName()} then throws UNAVAILABLE.
 */
public final class InMemoryObjectStorage implements ObjectStorage {

    private final Map<String, NavigableMap<String, Blob>> buckets = new HashMap<>();
    private final Clock clock;
    private volatile boolean available = true;
    private volatile Consumer<String> afterUpload = key -> { };

    public InMemoryObjectStorage() {
        this(Clock.systemUTC());
    }

    /** Uses {@code clock} for the lastModified time of stored objects. */
    public InMemoryObjectStorage(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code false} makes every call throw UNAVAILABLE until set back to {@code true}. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /**
     * Runs {@code hook} with the key after each {@link #upload} stored its object, on the uploader's thread
     * (a test may let another instance act while one is between two storage calls).
     */
    public void afterEachUpload(Consumer<String> hook) {
        this.afterUpload = Objects.requireNonNull(hook, "hook");
    }

    public boolean isAvailable() {
        return available;
    }

    @Override
    public synchronized void ensureBucket(String bucket) {
        checkAvailable();
        buckets.computeIfAbsent(requireName("bucket", bucket), b -> new TreeMap<>());
    }

    @Override
    public synchronized Optional<StoredObject> stat(String bucket, String key) {
        checkAvailable();
        return find(bucket, key).map(blob -> blob.describe(key));
    }

    @Override
    public synchronized List<StoredObject> list(String bucket, String prefix) {
        checkAvailable();
        String start = prefix == null ? "" : prefix;
        NavigableMap<String, Blob> objects = buckets.get(requireName("bucket", bucket));
        List<StoredObject> result = new ArrayList<>();
        if (objects == null) {
            return result;
        }
        for (Map.Entry<String, Blob> entry : objects.tailMap(start, true).entrySet()) {
            if (!entry.getKey().startsWith(start)) {
                break;
            }
            result.add(entry.getValue().describe(entry.getKey()));
        }
        return result;
    }

    @Override
    public void download(String bucket, String key, Path target) {
        Objects.requireNonNull(target, "target");
        byte[] content = get(bucket, key).orElseThrow(() -> missing(bucket, key));
        try {
            Files.write(target, content);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL,
                    "could not write object '" + key + "' to the download target", e);
        }
    }

    @Override
    public void upload(String bucket, String key, Path source) {
        Objects.requireNonNull(source, "source");
        checkAvailable();
        requireName("bucket", bucket);
        requireName("key", key);
        if (!Files.isRegularFile(source)) {
            throw ServiceException.invalid("the file to upload as object '" + key + "' does not exist");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(source);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL,
                    "could not read the file to upload as object '" + key + "'", e);
        }
        store(bucket, key, content);
        afterUpload.accept(key);
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
        Objects.requireNonNull(content, "content");
        store(bucket, key, content.clone());
    }

    @Override
    public synchronized Optional<byte[]> get(String bucket, String key) {
        checkAvailable();
        return find(bucket, key).map(blob -> blob.content().clone());
    }

    @Override
    public synchronized void delete(String bucket, String key) {
        checkAvailable();
        requireName("key", key);
        NavigableMap<String, Blob> objects = buckets.get(requireName("bucket", bucket));
        if (objects != null) {
            objects.remove(key);
        }
    }

    @Override
    public synchronized void copy(String bucket, String sourceKey, String targetKey) {
        checkAvailable();
        requireName("key", targetKey);
        Blob source = find(bucket, sourceKey).orElseThrow(() -> missing(bucket, sourceKey));
        buckets.get(bucket).put(targetKey, new Blob(source.content(), clock.instant()));
    }

    @Override
    public void checkReachable() {
        checkAvailable();
    }

    @Override
    public String backendName() {
        return "memory";
    }

    private synchronized void store(String bucket, String key, byte[] content) {
        checkAvailable();
        requireName("key", key);
        NavigableMap<String, Blob> objects = buckets.get(requireName("bucket", bucket));
        if (objects == null) {
            throw ServiceException.notFound("bucket '" + bucket + "' does not exist");
        }
        objects.put(key, new Blob(content, clock.instant()));
    }

    private Optional<Blob> find(String bucket, String key) {
        requireName("key", key);
        NavigableMap<String, Blob> objects = buckets.get(requireName("bucket", bucket));
        return objects == null ? Optional.empty() : Optional.ofNullable(objects.get(key));
    }

    private void checkAvailable() {
        if (!available) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "object storage is unavailable");
        }
    }

    private static String requireName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw ServiceException.invalid("the " + what + " must not be empty");
        }
        return name;
    }

    private static ServiceException missing(String bucket, String key) {
        return ServiceException.notFound("object '" + key + "' does not exist in bucket '" + bucket + "'");
    }

    /** Content is never handed out or taken in without a copy, so sharing it is safe. */
    private record Blob(byte[] content, Instant lastModified) {
        StoredObject describe(String key) {
            return new StoredObject(key, content.length, lastModified);
        }
    }
}
