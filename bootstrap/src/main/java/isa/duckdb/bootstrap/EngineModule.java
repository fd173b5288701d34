package isa.duckdb.bootstrap;

import dagger.Module;
import dagger.Provides;
import isa.duckdb.adapters.duckdb.DuckDbQueryEngineAdapter;
import isa.duckdb.application.port.out.QueryEngine;
import javax.inject.Singleton;

@Module
final class EngineModule {
    private EngineModule() {
    }

    @Provides
    @Singleton
    static QueryEngine queryEngine() {
        return new DuckDbQueryEngineAdapter();
    }
}
