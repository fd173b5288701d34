package isa.duckdb.bootstrap;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.domain.ExtensionAllowList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real service (Dagger component, Netty on a loopback port) and a client channel to it. */
final class RunningService implements AutoCloseable {
    final ServiceRuntime runtime;
    final ManagedChannel channel;
    final Path dataPath;

    private RunningService(ServiceRuntime runtime, ManagedChannel channel, Path dataPath) {
        this.runtime = runtime;
        this.channel = channel;
        this.dataPath = dataPath;
    }

    static RunningService start(Path dataPath) {
        return start(dataPath, Duration.ofSeconds(30));
    }

    static RunningService start(Path dataPath, Duration syncInterval) {
        return start(config(dataPath, syncInterval));
    }

    static RunningService start(Path dataPath, Duration syncInterval, Optional<ServiceConfig.MinioConfig> minio) {
        ServiceConfig config = config(dataPath, syncInterval);
        return start(config.toBuilder().minio(minio).build());
    }

    static RunningService start(Path dataPath, Duration syncInterval, ExtensionAllowList extensions) {
        return start(config(dataPath, syncInterval).toBuilder().extensionAllowList(extensions).build());
    }

    /** The configuration the tests use: loopback, a free port, embedded storage, Consul off, no metrics port. */
    static ServiceConfig config(Path dataPath, Duration syncInterval) {
        return ServiceConfig.builder()
                .dataPath(dataPath)
                .bindHost("127.0.0.1")
                .grpcPort(0)
                .memoryLimit("512MB")
                .syncInterval(syncInterval)
                .shutdownGrace(Duration.ofSeconds(10))
                .maxConcurrentCalls(32)
                .observability(ObservabilityConfig.defaults().withMetricsPort(0))
                .build();
    }

    static RunningService start(ServiceConfig config) {
        Path dataPath = config.dataPath();
        ServiceRuntime runtime = DaggerServiceComponent.builder().config(config).build().runtime();
        runtime.start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", runtime.port())
                .usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
        return new RunningService(runtime, channel, dataPath);
    }

    DuckDBServiceGrpc.DuckDBServiceBlockingStub blocking() {
        return DuckDBServiceGrpc.newBlockingStub(channel);
    }

    DuckDBServiceGrpc.DuckDBServiceStub async() {
        return DuckDBServiceGrpc.newStub(channel);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtime.stop();
    }
}
