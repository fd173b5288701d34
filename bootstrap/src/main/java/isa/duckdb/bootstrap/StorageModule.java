package isa.duckdb.bootstrap;

import dagger.Module;
import dagger.Provides;
import isa.duckdb.adapters.filesystem.FilesystemObjectStorageAdapter;
import isa.duckdb.adapters.minio.MinioObjectStorageAdapter;
import isa.duckdb.adapters.minio.MinioSettings;
import isa.duckdb.application.port.out.ObjectStorage;
import jakarta.inject.Singleton;

/** Object storage: MinIO when an endpoint is configured, else the local directory (embedded default). */
@Module
abstract class StorageModule {
    private StorageModule() {
    }

    @Provides
    @Singleton
    static ObjectStorage objectStorage(ServiceConfig config) {
        return config.minio()
                .<ObjectStorage>map(minio -> MinioObjectStorageAdapter.connect(MinioSettings.of(minio.endpoint(),
                        minio.accessKey(), minio.secretKey(), minio.useSsl())))
                .orElseGet(() -> new FilesystemObjectStorageAdapter(config.storageRoot()));
    }
}
