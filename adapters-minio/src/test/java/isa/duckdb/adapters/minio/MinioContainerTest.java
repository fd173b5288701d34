package isa.duckdb.adapters.minio;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.ObjectStorageContract;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against the real MinIO image, where a Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class MinioContainerTest extends ObjectStorageContract {
    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-09-07T16-13-09Z");

    private ObjectStorage storage;

    @BeforeEach
    void connect() {
        storage = MinioObjectStorageAdapter.connect(MinioSettings.of(MINIO.getS3URL(), MINIO.getUserName(),
                MINIO.getPassword(), false));
        for (var object : storage.list(BUCKET, "")) {
            storage.delete(BUCKET, object.key());
        }
        for (var object : storage.list(OTHER_BUCKET, "")) {
            storage.delete(OTHER_BUCKET, object.key());
        }
    }

    @Override
    protected ObjectStorage storage() {
        return storage;
    }
}
