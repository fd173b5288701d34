package isa.duckdb.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written to standard output: {@code text} (the pattern of {@code logback.xml}) or
 * {@code json} (one JSON object per line, {@code logback-json.xml}: Logstash's encoder, each key-value pair
 * of a line, such as the call log's {@code call_id}, a field of its own).
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** {@code text} or {@code json}, any case. */
    public static LogFormat parse(String text) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(text.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("expected text or json, got '" + text + "'");
    }

    /** Reconfigures Logback for this format; TEXT keeps the configuration Logback started with. */
    public void apply() {
        if (this == TEXT) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        URL configuration = LogFormat.class.getResource("/logback-json.xml");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            throw new IllegalStateException("logback-json.xml is not a valid Logback configuration", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
