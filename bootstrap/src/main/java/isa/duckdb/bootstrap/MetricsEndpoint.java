package isa.duckdb.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} in Prometheus' text format (Micrometer's scrape) on {@code --host:--metrics-port}, served by
 * the JDK's HTTP server on one thread; other paths answer 404, other methods 405. Off when the port is 0.
 */
@Singleton
public final class MetricsEndpoint {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServiceConfig config;
    private final PrometheusMeterRegistry registry;
    private HttpServer server;
    private ExecutorService thread;

    /** @param meters bound to the registry when the endpoint is built */
    @Inject
    MetricsEndpoint(ServiceConfig config, PrometheusMeterRegistry registry, ServiceMeters meters) {
        this.config = config;
        this.registry = registry;
    }

    /** Binds the port and serves; does nothing when the port is 0. Fails when the port is taken. */
    public synchronized void start() {
        if (!config.observability().metricsEnabled() || server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(config.bindHost(), config.observability().metricsPort()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics port " + config.observability().metricsPort()
                    + " is not available: " + e.getMessage(), e);
        }
        server.createContext("/", this::answer);
        thread = Executors.newSingleThreadExecutor(DaemonThreads.named("metrics-http"));
        server.setExecutor(thread);
        server.start();
    }

    /** The bound port, or 0 when off. */
    public synchronized int port() {
        return server == null ? 0 : server.getAddress().getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            thread.shutdownNow();
            server = null;
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
