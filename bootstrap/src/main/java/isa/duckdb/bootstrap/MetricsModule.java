package isa.duckdb.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import isa.duckdb.adapters.grpc.CallListener;
import isa.duckdb.application.port.out.QueryObserver;
import jakarta.inject.Singleton;

/** Micrometer's Prometheus registry and what feeds it (README, "Metrics and logs"). */
@Module
abstract class MetricsModule {
    private MetricsModule() {
    }

    @Provides
    @Singleton
    static PrometheusMeterRegistry prometheusRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Binds
    abstract MeterRegistry registry(PrometheusMeterRegistry registry);

    @Binds
    abstract QueryObserver queryObserver(MeteredCalls meters);

    @Binds
    @IntoSet
    abstract CallListener callMeters(MeteredCalls meters);
}
