package isa.duckdb.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT: the first one runs the ordered stop on its own thread and then exits with 0
 * when it succeeded, 1 when it failed (it threw, or reported that not every database could be
 * written to storage); a second one exits at once with 128 + the signal number. Handling the
 * signals ourselves rather than in a shutdown hook is what lets a clean stop exit with 0, not 143.
 */
final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    /** @param orderedStop the stop; true when it succeeded completely (every database synced) */
    static void install(BooleanSupplier orderedStop) {
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

    private static int runStop(BooleanSupplier orderedStop) {
        try {
            return orderedStop.getAsBoolean() ? 0 : 1;
        } catch (RuntimeException | Error e) {
            LOG.error("Shutdown failed: {}", e.toString());
            return 1;
        }
    }
}
