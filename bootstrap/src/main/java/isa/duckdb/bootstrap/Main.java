package isa.duckdb.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CommandLine commandLine = new CommandLine(new ServiceCommand());
        int exit = commandLine.execute(args);
        ServiceConfig config = commandLine.getExecutionResult();
        if (exit != 0 || config == null) {
            System.exit(exit);
            return;
        }
        config.observability().logFormat().apply();
        ServiceRuntime runtime;
        try {
            runtime = DaggerServiceComponent.builder().config(config).build().runtime();
        } catch (RuntimeException e) {
            LOG.error("Could not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        ShutdownSignals.install(() -> runtime.stop().isEmpty());
        // Only for exits that are not a signal we handle (System.exit elsewhere, SIGHUP): stop() runs once.
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "shutdown-hook"));
        try {
            runtime.start();
        } catch (RuntimeException e) {
            LOG.error("Could not start: {}", e.getMessage());
            System.exit(1);
        }
        runtime.awaitTermination();
    }
}
