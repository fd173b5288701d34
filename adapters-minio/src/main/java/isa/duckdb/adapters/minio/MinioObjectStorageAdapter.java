package isa.duckdb.adapters.minio;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import okhttp3.OkHttpClient;

/**
 * Object storage on MinIO (or any S3 server) through the MinIO Java SDK. Files move as streams
 * (multipart for large uploads); every call has timeouts and goes through {@link StorageGuard}.
 */
public final class MinioObjectStorageAdapter implements ObjectStorage {
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final StorageGuard guard;

    MinioObjectStorageAdapter(MinioClient client, StorageGuard guard) {
        this.client = client;
        this.guard = guard;
    }

    public static MinioObjectStorageAdapter connect(MinioSettings settings) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.callTimeout())
                .writeTimeout(settings.callTimeout())
                .retryOnConnectionFailure(false)
                .build();
        MinioClient client = MinioClient.builder()
                .endpoint(settings.url())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http, true)
                .build();
        return new MinioObjectStorageAdapter(client, StorageGuard.defaults());
    }

    @Override
    public void ensureBucket(String bucket) {
        ObjectNames.checkBucket(bucket);
        guard.run(() -> MinioCalls.run(bucket, "", () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())
                            && !"BucketAlreadyExists".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
            return null;
        }));
    }

    @Override
    public Optional<StoredObject> stat(String bucket, String key) {
        ObjectNames.check(bucket, key);
        return guard.call(() -> MinioCalls.optional(bucket, key, () -> {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return new StoredObject(key, stat.size(), stat.lastModified().toInstant());
        }));
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        ObjectNames.checkBucket(bucket);
        return guard.call(() -> MinioCalls.optional(bucket, prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build());
            for (Result<Item> result : results) {
                Item item = result.get();
                if (!item.isDir()) {
                    Instant modified = item.lastModified() == null ? Instant.EPOCH : item.lastModified().toInstant();
                    objects.add(new StoredObject(item.objectName(), item.size(), modified));
                }
            }
            objects.sort((a, b) -> a.key().compareTo(b.key()));
            return objects;
        }).orElse(List.of()));
    }

    @Override
    public void download(String bucket, String key, Path target) {
        ObjectNames.check(bucket, key);
        guard.run(() -> MinioCalls.run(bucket, key, () -> {
            Path partial = target.resolveSibling(".download-" + UUID.randomUUID());
            try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                Files.copy(in, partial);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return null;
        }));
    }

    @Override
    public void upload(String bucket, String key, Path source) {
        ObjectNames.check(bucket, key);
        if (!Files.isRegularFile(source)) {
            throw ServiceException.invalid("the file to upload does not exist");
        }
        guard.run(() -> MinioCalls.run(bucket, key, () -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(bucket).object(key).filename(source.toString(), PART_SIZE).build())));
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
        ObjectNames.check(bucket, key);
        guard.run(() -> MinioCalls.run(bucket, key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1).build())));
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
        ObjectNames.check(bucket, key);
        return guard.call(() -> MinioCalls.optional(bucket, key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        }));
    }

    @Override
    public void delete(String bucket, String key) {
        ObjectNames.check(bucket, key);
        guard.run(() -> MinioCalls.optional(bucket, key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return Boolean.TRUE;
        }));
    }

    @Override
    public void copy(String bucket, String sourceKey, String targetKey) {
        ObjectNames.check(bucket, sourceKey);
        ObjectNames.check(bucket, targetKey);
        guard.run(() -> MinioCalls.run(bucket, sourceKey, () -> client.copyObject(CopyObjectArgs.builder()
                .bucket(bucket).object(targetKey)
                .source(CopySource.builder().bucket(bucket).object(sourceKey).build()).build())));
    }

    @Override
    public void checkReachable() {
        guard.run(() -> MinioCalls.run("health-probe", "", () ->
                client.bucketExists(BucketExistsArgs.builder().bucket("isa-duckdb-health-probe").build())));
    }

    @Override
    public String backendName() {
        return "minio";
    }

    /** The circuit breaker's state (CLOSED, OPEN, HALF_OPEN), for health details. */
    public String circuitState() {
        return guard.state();
    }

    static ServiceException unavailable() {
        return new ServiceException(ErrorKind.UNAVAILABLE, "object storage is unreachable");
    }

    /** UNAVAILABLE keeping what failed as the cause (logged once, with an incident id, where the call is answered). */
    static ServiceException unavailable(Throwable cause) {
        return new ServiceException(ErrorKind.UNAVAILABLE, "object storage is unreachable", cause);
    }
}
