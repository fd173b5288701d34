package isa.duckdb.application.port.out;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Buckets of objects, as S3 has them. Large objects move between files and storage as streams,
 * never whole in memory. Every method throws {@link isa.duckdb.domain.ServiceException}:
 * NOT_FOUND for a missing object, UNAVAILABLE when the storage cannot be reached.
 */
public interface ObjectStorage {

    /** Creates the bucket if it does not exist yet. */
    void ensureBucket(String bucket);

    Optional<StoredObject> stat(String bucket, String key);

    /** Objects whose key starts with {@code prefix}, sorted by key; empty when the bucket does not exist. */
    List<StoredObject> list(String bucket, String prefix);

    /** Writes the object to {@code target}, replacing it. */
    void download(String bucket, String key, Path target);

    /** Stores the file as the object; readers see the old or the new object, never a part. */
    void upload(String bucket, String key, Path source);

    void put(String bucket, String key, byte[] content);

    Optional<byte[]> get(String bucket, String key);

    /** Removes the object if present. */
    void delete(String bucket, String key);

    /** Copies an object inside one bucket, on the storage side. */
    void copy(String bucket, String sourceKey, String targetKey);

    /** Throws UNAVAILABLE unless the storage answers. */
    void checkReachable();

    /** A short name of the backend for operators ("filesystem", "minio", …). */
    String backendName();
}
