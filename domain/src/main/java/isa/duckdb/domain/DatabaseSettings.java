package isa.duckdb.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The per-database DuckDB settings a tenant may choose at creation ({@code config}): {@code threads} and
 * {@code memory_limit}, each capped by the server's own limits when opened, and {@code timezone}, DuckDB's
 * {@code TimeZone} for the database (UTC when not set; wire contract, "Values at the edges"). Here a time zone
 * is only checked to look like a zone name; whether the engine knows it is checked when the database is
 * created ({@code QueryEngine.timeZone}).
 */
public record DatabaseSettings(Optional<Integer> threads, Optional<String> memoryLimit, Optional<String> timeZone) {
    public static final DatabaseSettings DEFAULTS = new DatabaseSettings(Optional.empty(), Optional.empty());
    /** DuckDB's zone when a database's config does not choose one. */
    public static final String DEFAULT_TIME_ZONE = "UTC";
    private static final Pattern MEMORY = Pattern.compile("\\d{1,6}(\\.\\d{1,3})?\\s?(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)");
    /** The characters of IANA and POSIX zone names ({@code Europe/Berlin}, {@code Etc/GMT+5}, {@code EST5EDT}). */
    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z0-9_+\\-/]{1,64}");

    /** Settings without a time zone of their own. */
    public DatabaseSettings(Optional<Integer> threads, Optional<String> memoryLimit) {
        this(threads, memoryLimit, Optional.empty());
    }

    public static DatabaseSettings fromConfig(Map<String, String> config) {
        Optional<Integer> threads = Optional.empty();
        Optional<String> memory = Optional.empty();
        Optional<String> zone = Optional.empty();
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            String value = entry.getValue().trim();
            switch (key) {
                case "threads" -> threads = Optional.of(parseThreads(value));
                case "memory_limit" -> memory = Optional.of(parseMemory(value));
                case "timezone" -> zone = Optional.of(parseZone(value));
                default -> throw ServiceException.invalid("config key '" + SafeText.quote(entry.getKey())
                        + "' is not supported; supported keys: threads, memory_limit, timezone");
            }
        }
        return new DatabaseSettings(threads, memory, zone);
    }

    /** These settings with the time zone spelled as the engine spells it. */
    public DatabaseSettings withTimeZone(String zone) {
        return new DatabaseSettings(threads, memoryLimit, Optional.of(zone));
    }

    /** The database's DuckDB {@code TimeZone}: its own, else {@link #DEFAULT_TIME_ZONE}. */
    public String effectiveTimeZone() {
        return timeZone.orElse(DEFAULT_TIME_ZONE);
    }

    public static boolean isMemorySize(String value) {
        return MEMORY.matcher(value.trim().toUpperCase(Locale.ROOT)).matches();
    }

    private static int parseThreads(String value) {
        try {
            int threads = Integer.parseInt(value);
            if (threads >= 1 && threads <= 1024) {
                return threads;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ServiceException.invalid("config threads must be a whole number from 1 to 1024, got '"
                + SafeText.quote(value) + "'");
    }

    private static String parseZone(String value) {
        if (!ZONE_NAME.matcher(value).matches()) {
            throw ServiceException.invalid("config timezone must be a time zone name such as UTC or Europe/Berlin, got '"
                    + SafeText.quote(value) + "'");
        }
        return value;
    }

    private static String parseMemory(String value) {
        if (!isMemorySize(value)) {
            throw ServiceException.invalid("config memory_limit must be a size such as 512MB or 2GB, got '"
                    + SafeText.quote(value) + "'");
        }
        return value.toUpperCase(Locale.ROOT).replace(" ", "");
    }

    public Map<String, String> asConfig() {
        Map<String, String> config = new TreeMap<>();
        threads.ifPresent(t -> config.put("threads", Integer.toString(t)));
        memoryLimit.ifPresent(m -> config.put("memory_limit", m));
        timeZone.ifPresent(z -> config.put("timezone", z));
        return config;
    }
}
