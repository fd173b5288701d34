package isa.duckdb.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.HealthCheckRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private final String host;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, String host, int port, Path log) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar with heap {@code xmx} (a {@code -Xmx} value such as {@code 256m}) and extra
     * environment {@code environment}, and waits until HealthCheck answers healthy.
     */
    public static ServiceProcess start(Path jar, String xmx, Path dataPath, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        return start(jar, xmx, "127.0.0.1", freePort(), dataPath, environment, List.of(), log);
    }

    /**
     * Starts the jar listening on {@code host:port} (a loopback address; a fixed port lets a restarted service keep
     * its clients' address) with {@code arguments} after the standard ones, appending its output to {@code log}, and
     * waits until HealthCheck answers healthy there.
     */
    public static ServiceProcess start(Path jar, String xmx, String host, int port, Path dataPath,
            Map<String, String> environment, List<String> arguments, Path log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(dataPath);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-jar", jar.toString(),
                "--host", host, "--port", Integer.toString(port), "--data-path", dataPath.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        RUNNING.add(process);
        ServiceProcess service = new ServiceProcess(process, host, port, log);
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

    /** Kills the process with SIGKILL ({@code kill -9}: no stop, no final sync) and waits for its end. */
    public void kill() throws InterruptedException {
        RUNNING.remove(process);
        process.destroyForcibly().waitFor();
    }

    /** Sends {@code signal} ({@code STOP} or {@code CONT}: pauses or resumes the whole process) with kill(1). */
    public void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + exit);
        }
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
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
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
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
