package isa.duckdb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One service instance of a fault scenario: the jar as a process on a fixed loopback address ({@code host:port}, so a
 * restart keeps its clients' address), with its data path, extra flags and environment, and one log file that every
 * run on this node appends to. A killed node can be started again on the same data path (crash recovery).
 */
final class FaultNode implements AutoCloseable {
    private static final String XMX = "256m";

    private final Path jar;
    private final String name;
    private final String host;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final Path log;
    private final Path dataPath;
    private ServiceProcess process;

    FaultNode(Path jar, String name, String host, Path dataPath, Map<String, String> environment,
            List<String> arguments, Path log) throws IOException {
        this.jar = jar;
        this.name = name;
        this.host = host;
        this.port = ServiceProcess.freePort();
        this.dataPath = dataPath;
        this.environment = environment;
        this.arguments = arguments;
        this.log = log;
    }

    /** Starts the process and waits until it answers HealthCheck (at most 90 s). */
    FaultNode start() throws IOException, InterruptedException {
        process = ServiceProcess.start(jar, XMX, host, port, dataPath, environment, arguments, log);
        return this;
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM, waiting up to {@code seconds}; answers the exit code. */
    int stop(int seconds) throws InterruptedException {
        return process.stop(seconds);
    }

    /** {@code kill -STOP} or {@code kill -CONT}. */
    void signal(String signal) throws IOException, InterruptedException {
        process.signal(signal);
    }

    String name() {
        return name;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** Whether the log holds a line containing {@code text}. */
    boolean logged(String text) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    /** The log file (named in a failing verdict). */
    Path log() {
        return log;
    }

    /** Kills a process still running, paused or not (SIGKILL: a scenario that ended or timed out leaves nothing behind). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }
}
