package isa.duckdb.domain;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory or disk in bytes, written and read with DuckDB's units ({@code memory_limit},
 * {@code max_temp_directory_size}): {@code KB}, {@code MB}, {@code GB}, {@code TB} are powers of 1000,
 * {@code KiB} … {@code TiB} powers of 1024, a bare number is bytes.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    public static final ByteSize ZERO = new ByteSize(0);
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,3})?)\\s*([KMGT]I?B|B)?");
    private static final Map<String, Long> UNITS = Map.of("B", 1L, "KB", 1_000L, "MB", 1_000_000L,
            "GB", 1_000_000_000L, "TB", 1_000_000_000_000L, "KIB", 1L << 10, "MIB", 1L << 20, "GIB", 1L << 30,
            "TIB", 1L << 40);
    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB"};

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size is never negative: " + bytes);
        }
    }

    public static ByteSize of(long bytes) {
        return new ByteSize(bytes);
    }

    /**
     * Reads {@code 512MB}, {@code 2 GiB}, {@code 1.5GB} or {@code 1048576}; INVALID_ARGUMENT otherwise, naming
     * {@code what} (e.g. the flag).
     */
    public static ByteSize parse(String text, String what) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw ServiceException.invalid(what + " must be a size such as 512MB, 2GiB or 0, got '"
                    + SafeText.quote(text == null ? "" : text) + "'");
        }
        long unit = m.group(2) == null ? 1 : UNITS.get(m.group(2));
        return new ByteSize(new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(unit))
                .longValue());
    }

    public boolean isZero() {
        return bytes == 0;
    }

    public ByteSize min(ByteSize other) {
        return bytes <= other.bytes ? this : other;
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** The size as DuckDB reads it back: whole bytes with the unit {@code B} (e.g. {@code 1073741824B}). */
    public String duckDbText() {
        return bytes + "B";
    }

    /** For people: {@code 1.5 GiB}, {@code 512 MiB}, {@code 100 bytes}. */
    @Override
    public String toString() {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + BINARY[unit];
    }
}
