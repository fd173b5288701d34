package isa.duckdb.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reader or writer options a caller may pass, checked against an allow-list per format and
 * direction, each with its type, so that they can be rendered as SQL literals safely.
 */
public final class FileOptions {

    /** An option's checked value. */
    public sealed interface OptionValue permits Flag, Number, Text {
    }

    public record Flag(boolean value) implements OptionValue {
    }

    public record Number(long value) implements OptionValue {
    }

    public record Text(String value) implements OptionValue {
    }

    private enum Kind { FLAG, NUMBER, CHAR, SHORT_TEXT }

    private record Rule(String engineName, Kind kind, Set<String> choices) {
        static Rule of(String engineName, Kind kind) {
            return new Rule(engineName, kind, Set.of());
        }

        static Rule oneOf(String engineName, String... choices) {
            return new Rule(engineName, Kind.SHORT_TEXT, Set.of(choices));
        }
    }

    private static final Rule COMPRESSION_READ = Rule.oneOf("compression", "auto", "none", "gzip", "zstd");
    private static final Map<String, Rule> CSV_READ = Map.ofEntries(
            Map.entry("delimiter", Rule.of("delim", Kind.SHORT_TEXT)), Map.entry("delim", Rule.of("delim", Kind.SHORT_TEXT)),
            Map.entry("sep", Rule.of("delim", Kind.SHORT_TEXT)), Map.entry("header", Rule.of("header", Kind.FLAG)),
            Map.entry("quote", Rule.of("quote", Kind.CHAR)), Map.entry("escape", Rule.of("escape", Kind.CHAR)),
            Map.entry("skip", Rule.of("skip", Kind.NUMBER)), Map.entry("nullstr", Rule.of("nullstr", Kind.SHORT_TEXT)),
            Map.entry("null", Rule.of("nullstr", Kind.SHORT_TEXT)), Map.entry("compression", COMPRESSION_READ),
            Map.entry("dateformat", Rule.of("dateformat", Kind.SHORT_TEXT)),
            Map.entry("timestampformat", Rule.of("timestampformat", Kind.SHORT_TEXT)),
            Map.entry("all_varchar", Rule.of("all_varchar", Kind.FLAG)), Map.entry("sample_size", Rule.of("sample_size", Kind.NUMBER)),
            Map.entry("ignore_errors", Rule.of("ignore_errors", Kind.FLAG)), Map.entry("auto_detect", Rule.of("auto_detect", Kind.FLAG)),
            Map.entry("decimal_separator", Rule.of("decimal_separator", Kind.CHAR)),
            Map.entry("new_line", Rule.oneOf("new_line", "\n", "\r\n", "\r")));
    private static final Map<String, Rule> CSV_WRITE = Map.ofEntries(
            Map.entry("delimiter", Rule.of("delim", Kind.SHORT_TEXT)), Map.entry("delim", Rule.of("delim", Kind.SHORT_TEXT)),
            Map.entry("sep", Rule.of("delim", Kind.SHORT_TEXT)), Map.entry("header", Rule.of("header", Kind.FLAG)),
            Map.entry("quote", Rule.of("quote", Kind.CHAR)), Map.entry("escape", Rule.of("escape", Kind.CHAR)),
            Map.entry("nullstr", Rule.of("nullstr", Kind.SHORT_TEXT)), Map.entry("null", Rule.of("nullstr", Kind.SHORT_TEXT)),
            Map.entry("compression", Rule.oneOf("compression", "none", "gzip", "zstd")),
            Map.entry("dateformat", Rule.of("dateformat", Kind.SHORT_TEXT)),
            Map.entry("timestampformat", Rule.of("timestampformat", Kind.SHORT_TEXT)));
    private static final Map<String, Rule> PARQUET_READ = Map.of(
            "binary_as_string", Rule.of("binary_as_string", Kind.FLAG));
    private static final Map<String, Rule> PARQUET_WRITE = Map.of(
            "compression", Rule.oneOf("compression", "uncompressed", "snappy", "gzip", "zstd", "lz4", "brotli"),
            "row_group_size", Rule.of("row_group_size", Kind.NUMBER),
            "row_group_size_bytes", Rule.of("row_group_size_bytes", Kind.NUMBER));
    private static final Map<String, Rule> JSON_READ = Map.of(
            "format", Rule.oneOf("format", "auto", "newline_delimited", "array", "unstructured"),
            "records", Rule.oneOf("records", "auto", "true", "false"),
            "compression", COMPRESSION_READ,
            "maximum_object_size", Rule.of("maximum_object_size", Kind.NUMBER),
            "dateformat", Rule.of("dateformat", Kind.SHORT_TEXT),
            "timestampformat", Rule.of("timestampformat", Kind.SHORT_TEXT),
            "ignore_errors", Rule.of("ignore_errors", Kind.FLAG));
    private static final Map<String, Rule> JSON_WRITE = Map.of(
            "compression", Rule.oneOf("compression", "none", "gzip", "zstd"),
            "array", Rule.of("array", Kind.FLAG),
            "dateformat", Rule.of("dateformat", Kind.SHORT_TEXT),
            "timestampformat", Rule.of("timestampformat", Kind.SHORT_TEXT));
    private static final int MAX_TEXT = 64;

    private final FileFormat format;
    private final Map<String, OptionValue> values;

    private FileOptions(FileFormat format, Map<String, OptionValue> values) {
        this.format = format;
        this.values = values;
    }

    public static FileOptions forReading(String formatName, Map<String, String> options) {
        FileFormat format = FileFormat.parse(formatName);
        Map<String, Rule> rules = format == FileFormat.CSV ? CSV_READ : format == FileFormat.PARQUET ? PARQUET_READ : JSON_READ;
        return check(format, rules, withImplied(formatName, options), "reading");
    }

    public static FileOptions forWriting(String formatName, Map<String, String> options) {
        FileFormat format = FileFormat.parse(formatName);
        Map<String, Rule> rules = format == FileFormat.CSV ? CSV_WRITE : format == FileFormat.PARQUET ? PARQUET_WRITE : JSON_WRITE;
        Map<String, String> given = new TreeMap<>(withImplied(formatName, options));
        if (format == FileFormat.JSON) {
            given.remove("format");
        }
        return check(format, rules, given, "writing");
    }

    private static Map<String, String> withImplied(String formatName, Map<String, String> options) {
        Map<String, String> merged = new TreeMap<>(FileFormat.impliedOptions(formatName));
        options.forEach((k, v) -> merged.put(k.toLowerCase(Locale.ROOT), v));
        return merged;
    }

    private static FileOptions check(FileFormat format, Map<String, Rule> rules, Map<String, String> given, String direction) {
        Map<String, OptionValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : new TreeMap<>(given).entrySet()) {
            Rule rule = rules.get(option.getKey());
            if (rule == null) {
                throw ServiceException.invalid("option '" + SafeText.quote(option.getKey()) + "' is not supported for "
                        + direction + " " + format.extension() + "; supported: " + new TreeMap<>(rules).keySet());
            }
            values.put(rule.engineName(), parse(option.getKey(), option.getValue(), rule));
        }
        return new FileOptions(format, values);
    }

    private static OptionValue parse(String name, String raw, Rule rule) {
        String value = raw == null ? "" : raw;
        switch (rule.kind()) {
            case FLAG:
                String flag = value.trim().toLowerCase(Locale.ROOT);
                if (flag.equals("true") || flag.equals("false")) {
                    return new Flag(Boolean.parseBoolean(flag));
                }
                throw ServiceException.invalid("option '" + name + "' must be true or false");
            case NUMBER:
                try {
                    long number = Long.parseLong(value.trim());
                    if (number >= -1) {
                        return new Number(number);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw ServiceException.invalid("option '" + name + "' must be a whole number");
            case CHAR:
                if (value.length() <= 1) {
                    return new Text(value);
                }
                throw ServiceException.invalid("option '" + name + "' must be a single character");
            default:
                String lowered = rule.choices().isEmpty() ? value : value.toLowerCase(Locale.ROOT);
                if (!rule.choices().isEmpty() && !rule.choices().contains(lowered) && !rule.choices().contains(value)) {
                    throw ServiceException.invalid("option '" + name + "' must be one of " + rule.choices());
                }
                if (value.length() > MAX_TEXT) {
                    throw ServiceException.invalid("option '" + name + "' is longer than " + MAX_TEXT + " characters");
                }
                if (value.indexOf('\0') >= 0) {
                    throw ServiceException.invalid("option '" + name + "' contains a NUL character");
                }
                return new Text(rule.choices().isEmpty() ? value : lowered);
        }
    }

    public FileFormat format() {
        return format;
    }

    /** Engine option names and checked values, in a stable order. */
    public Map<String, OptionValue> values() {
        return values;
    }
}
