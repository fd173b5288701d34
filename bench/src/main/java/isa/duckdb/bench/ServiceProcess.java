package isa.duckdb.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.HealthCheckRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service jar run as its own process on a free loopback port, as an operator starts it
 * ({@code java -Xmx… -jar duckdb-service.jar --host 127.0.0.1 --port P --data-path D}), with
 * its output in a log file. Stopping sends SIGTERM, the service's clean stop.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // Ctrl-C or SIGTERM of the harness skips try-with-resources: stop the services it started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroy), "stop-services"));
    }

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar with heap {@code xmx} (a {@code -Xmx} value such as {@code 256m}) and extra
     * environment {@code environment}, and waits until HealthCheck answers healthy.
     */
    public static ServiceProcess start(Path jar, String xmx, Path dataPath, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(dataPath);
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx" + xmx, "-jar", jar.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-path", dataPath.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        RUNNING.add(process);
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitHealthy();
        return service;
    }

    /** The gRPC port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The process id (for jstat). */
    public long pid() {
        return process.pid();
    }

    /** Sends SIGTERM and waits up to {@code seconds} for the exit; answers the exit code. */
    public int stop(int seconds) throws InterruptedException {
        RUNNING.remove(process);
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the service did not stop within " + seconds + " s (log: " + log + ")");
        }
        return process.exitValue();
    }

    private void awaitHealthy() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue()
                            + " before it answered (log: " + log + ")");
                }
                try {
                    if (DuckDBServiceGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                            .healthCheck(HealthCheckRequest.getDefaultInstance()).getHealthy()) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service did not answer within 90 s (log: " + log + ")");
                }
                Thread.sleep(200);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        RUNNING.remove(process);
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
