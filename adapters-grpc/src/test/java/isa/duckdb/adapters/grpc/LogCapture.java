package isa.duckdb.adapters.grpc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one logger logs at INFO and above while a test runs (logback's in-memory appender on it), kept off the
 * console.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore;

    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(source.getName());
    }

    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
        logger.setAdditive(true);
        appender.stop();
    }
}
