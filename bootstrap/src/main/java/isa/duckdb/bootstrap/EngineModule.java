package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import isa.duckdb.adapters.duckdb.DuckDbQueryEngineAdapter;
import isa.duckdb.application.port.out.QueryEngine;
import jakarta.inject.Singleton;

/** The query engine: DuckDB, one adapter (it holds a probe connection) for the whole service. */
@Module
abstract class EngineModule {
    private EngineModule() {
    }

    @Binds
    @Singleton
    abstract QueryEngine queryEngine(DuckDbQueryEngineAdapter engine);
}
