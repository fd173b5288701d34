package isa.duckdb.adapters.grpc;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** The standard services beside ours: gRPC health (for "" and "duckdb-service") and reflection. */
@Singleton
public final class GrpcServices {
    public static final String HEALTH_SERVICE_NAME = "duckdb-service";

    private final HealthStatusManager health = new HealthStatusManager();

    /** One instance for the whole server: the runtime flips the health status the server answers with. */
    @Inject
    public GrpcServices() {
    }

    public List<BindableService> standardServices() {
        return List.of(health.getHealthService(), ProtoReflectionServiceV1.newInstance());
    }

    public void serving() {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        health.setStatus(HEALTH_SERVICE_NAME, ServingStatus.SERVING);
    }

    public void notServing() {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        health.setStatus(HEALTH_SERVICE_NAME, ServingStatus.NOT_SERVING);
    }
}
