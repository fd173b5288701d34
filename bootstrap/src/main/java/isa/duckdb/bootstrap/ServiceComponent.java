package isa.duckdb.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** The whole service, wired: configuration in, a runtime out. */
@Singleton
@Component(modules = {StorageModule.class, EngineModule.class, ApplicationModule.class, GrpcModule.class,
        RegistryModule.class, MetricsModule.class, SecurityModule.class, ResourceModule.class})
public interface ServiceComponent {

    ServiceRuntime runtime();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder config(ServiceConfig config);

        ServiceComponent build();
    }
}
