package isa.duckdb.bootstrap;

import io.grpc.Server;
import isa.duckdb.adapters.grpc.GrpcServices;
import isa.duckdb.application.service.DatabaseLifecycle;
import isa.duckdb.application.service.LifecycleScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops the service in the order that loses nothing. */
public final class ServiceRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final ServiceConfig config;
    private final Server server;
    private final GrpcServices grpcServices;
    private final DatabaseLifecycle lifecycle;
    private final LifecycleScheduler scheduler;
    private final List<ExecutorService> executors;
    private final AtomicBoolean stopped = new AtomicBoolean();

    ServiceRuntime(ServiceConfig config, Server server, GrpcServices grpcServices, DatabaseLifecycle lifecycle,
            LifecycleScheduler scheduler, List<ExecutorService> executors) {
        this.config = config;
        this.server = server;
        this.grpcServices = grpcServices;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.executors = executors;
    }

    public void start() {
        lifecycle.recoverAtStart();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC port " + config.grpcPort() + " is not available: " + e.getMessage(), e);
        }
        scheduler.start();
        grpcServices.serving();
        LOG.info("duckdb-service {} listening on {}:{} (data in {}, sync every {}s)", ServiceVersion.current(),
                config.bindHost(), server.getPort(), config.dataPath(), config.syncInterval().toSeconds());
    }

    public int port() {
        return server.getPort();
    }

    /** Health NOT_SERVING, refuse new calls, let running ones finish, sync and close every database. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down: draining calls for up to {}s", config.shutdownGrace().toSeconds());
        grpcServices.notServing();
        server.shutdown();
        try {
            if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        lifecycle.closeAll(config.shutdownGrace());
        executors.forEach(ExecutorService::shutdownNow);
        LOG.info("Stopped; every database was synced");
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }
}
