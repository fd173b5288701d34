package isa.duckdb.bootstrap;

import io.grpc.Server;
import isa.duckdb.adapters.grpc.GrpcServices;
import isa.duckdb.adapters.grpc.OwnerChannels;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.application.service.AuthMode;
import isa.duckdb.application.service.DatabaseLifecycle;
import isa.duckdb.application.service.LifecycleScheduler;
import isa.duckdb.application.service.ServiceRegistrationService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops the service in the order that loses nothing. */
@Singleton
public final class ServiceRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final ServiceConfig config;
    private final Server server;
    private final GrpcServices grpcServices;
    private final DatabaseLifecycle lifecycle;
    private final LifecycleScheduler scheduler;
    private final ServiceRegistrationService registration;
    private final ServiceRegistry registry;
    private final DatabaseOwnership ownership;
    private final Set<ExecutorService> executors;
    private final MetricsEndpoint metrics;
    private final MemoryWatch memoryWatch;
    private final OwnerChannels ownerChannels;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile List<String> unsynced = List.of();
    private volatile DataPathLock dataPathLock;

    /** @param executors every executor the modules made; all are shut down at the end of {@link #stop()} */
    @Inject
    ServiceRuntime(ServiceConfig config, Server server, GrpcServices grpcServices, DatabaseLifecycle lifecycle,
            LifecycleScheduler scheduler, ServiceRegistrationService registration, ServiceRegistry registry,
            Set<ExecutorService> executors, MetricsEndpoint metrics, DatabaseOwnership ownership,
            MemoryWatch memoryWatch, OwnerChannels ownerChannels) {
        this.memoryWatch = memoryWatch;
        this.ownerChannels = ownerChannels;
        this.ownership = ownership;
        this.config = config;
        this.server = server;
        this.grpcServices = grpcServices;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.registration = registration;
        this.registry = registry;
        this.executors = executors;
        this.metrics = metrics;
    }

    /** Refuses to start (IllegalStateException) when another server runs on the same data path. */
    public void start() {
        dataPathLock = DataPathLock.acquire(config.dataPath());
        lifecycle.recoverAtStart();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC port " + config.grpcPort() + " is not available: " + e.getMessage(), e);
        }
        try {
            metrics.start();
        } catch (UncheckedIOException e) {
            server.shutdownNow();
            throw e;
        }
        scheduler.start();
        memoryWatch.start();
        grpcServices.serving();
        LOG.info("duckdb-service {} listening on {}:{} (sync every {}s, {}, auth mode {})",
                ServiceVersion.current(), config.bindHost(), server.getPort(), config.syncInterval().toSeconds(),
                config.tls().map(t -> t.clientCa().isPresent() ? "mutual TLS" : "TLS").orElse("plain text"),
                config.authMode());
        LOG.info("Instance {} at {} ({}), durability {}",
                ownership.self().instanceId(), ownership.self().address(),
                config.consul().enabled() ? "database owners in Consul" : "serving markers in storage",
                config.durability().name().toLowerCase(java.util.Locale.ROOT));
        if (config.authMode() == AuthMode.NONE && !LoopbackAddress.is(config.bindHost())) {
            LOG.warn("Auth mode none while listening on {}: anyone who reaches this port may act as any tenant by"
                    + " naming it in user_id; set ISA_CLOUD_STORAGE_DUCKDB_AUTH_MODE=token (or listen on 127.0.0.1)",
                    config.bindHost());
        }
        if (metrics.port() > 0) {
            LOG.info("Prometheus metrics on http://{}:{}/metrics", config.bindHost(), metrics.port());
        }
        ConsulConfig consul = config.consul();
        if (consul.enabled()) {
            LOG.info("Registering {} with the Consul agent at {}:{}", consul.serviceId(), consul.agentHost(),
                    consul.agentPort());
            registration.start(InstanceRegistration.of(consul, server.getPort()));
        } else {
            LOG.info("Consul registration is off (ISA_CLOUD_STORAGE_CONSUL_ENABLED)");
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The port of {@code GET /metrics}, 0 when it is off. */
    public int metricsPort() {
        return metrics.port();
    }

    /**
     * Health NOT_SERVING and deregistration, then refuse new calls, let running ones finish within
     * the grace period, sync and close every database (a sync storage refuses is retried until the
     * grace period has passed once more, see {@link DatabaseLifecycle#closeAll}). A second caller
     * waits for the first and gets the same answer.
     *
     * @return the databases ({@code tenant/name}) whose latest changes could not be written to
     *     storage; their working copies stay in the data directory and are uploaded at the next start
     *     on it. Empty when every database was synced.
     */
    public List<String> stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return unsynced;
        }
        try {
            if (dataPathLock == null) {
                // start() was refused before it took the data path: nothing was served, and the data path may be
                // another server's, so nothing here is touched or reported as synced
                executors.forEach(ExecutorService::shutdownNow);
                closeQuietly(ownership);
                closeQuietly(registry);
                return unsynced;
            }
            LOG.info("Shutting down: NOT_SERVING, deregistering, then draining calls for up to {}s",
                    config.shutdownGrace().toSeconds());
            grpcServices.notServing();
            registration.stop();
            drainCalls();
            ownerChannels.close();
            unsynced = lifecycle.closeAll(config.shutdownGrace()).stream()
                    .map(d -> d.tenant().id() + "/" + d.name().value()).toList();
            executors.forEach(ExecutorService::shutdownNow);
            metrics.stop();
            closeQuietly(ownership);
            closeQuietly(registry);
            closeQuietly(dataPathLock);
            if (unsynced.isEmpty()) {
                LOG.info("Stopped; every database was synced");
            } else {
                LOG.error("Stopped, but {} database(s) could not be written to storage: {}; their working copies are "
                        + "kept under work/ in the data directory and uploaded at the next start on it (a start on "
                        + "an empty one would not see their latest changes)", unsynced.size(), String.join(", ", unsynced));
            }
            return unsynced;
        } finally {
            stopped.countDown();
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    private void drainCalls() {
        server.shutdown();
        try {
            if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Calls still running after {}s are cancelled", config.shutdownGrace().toSeconds());
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }

    /** Closes a Consul client (the ownership one gives its remaining leases and its session up). */
    private static void closeQuietly(Object client) {
        if (client instanceof AutoCloseable) {
            try {
                ((AutoCloseable) client).close();
            } catch (Exception e) {
                LOG.debug("Closing a Consul client failed: {}", e.getMessage());
            }
        }
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
