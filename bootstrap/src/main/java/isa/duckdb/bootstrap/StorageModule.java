package isa.duckdb.bootstrap;

import dagger.Module;
import dagger.Provides;
import isa.duckdb.adapters.filesystem.FilesystemObjectStorageAdapter;
import isa.duckdb.application.port.out.ObjectStorage;
import javax.inject.Singleton;

/** Object storage: the local directory (embedded default). */
@Module
final class StorageModule {
    private StorageModule() {
    }

    @Provides
    @Singleton
    static ObjectStorage objectStorage(ServiceConfig config) {
        return new FilesystemObjectStorageAdapter(config.storageRoot());
    }
}
