package isa.duckdb.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The per-database DuckDB settings a tenant may choose at creation ({@code config}): only
 * {@code threads} and {@code memory_limit}, each capped by the server's own limits when opened.
 */
public record DatabaseSettings(Optional<Integer> threads, Optional<String> memoryLimit) {
    public static final DatabaseSettings DEFAULTS = new DatabaseSettings(Optional.empty(), Optional.empty());
    private static final Pattern MEMORY = Pattern.compile("\\d{1,6}(\\.\\d{1,3})?\\s?(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)");

    public static DatabaseSettings fromConfig(Map<String, String> config) {
        Optional<Integer> threads = Optional.empty();
        Optional<String> memory = Optional.empty();
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            String value = entry.getValue().trim();
            switch (key) {
                case "threads" -> threads = Optional.of(parseThreads(value));
                case "memory_limit" -> memory = Optional.of(parseMemory(value));
                default -> throw ServiceException.invalid("config key '" + SafeText.quote(entry.getKey())
                        + "' is not supported; supported keys: threads, memory_limit");
            }
        }
        return new DatabaseSettings(threads, memory);
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
        return config;
    }
}
