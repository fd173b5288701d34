package isa.duckdb.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT: the first one runs the ordered stop on its own thread and then exits with 0
 * (1 if the stop failed); a second one exits at once with 128 + the signal number. Handling the
 * signals ourselves rather than in a shutdown hook is what lets a clean stop exit with 0, not 143.
 */
final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    static void install(Runnable orderedStop) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stopping.compareAndSet(false, true)) {
                    LOG.info("SIG{} received: stopping (a second signal exits at once)", signal.getName());
                    new Thread(() -> System.exit(runStop(orderedStop)), "shutdown").start();
                } else {
                    LOG.warn("Second SIG{} received: exiting without finishing the shutdown", signal.getName());
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
            });
        }
    }

    private static int runStop(Runnable orderedStop) {
        try {
            orderedStop.run();
            return 0;
        } catch (RuntimeException | Error e) {
            LOG.error("Shutdown failed: {}", e.toString());
            return 1;
        }
    }
}
