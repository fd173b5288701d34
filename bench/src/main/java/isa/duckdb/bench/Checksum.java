package isa.duckdb.bench;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An order-independent checksum of a scanned result: every value of every row is added to its
 * column's sum in one canonical form, whatever the client saw (a Java object, a wire text, an
 * Arrow buffer), so two contenders agree exactly when they delivered the same multiset of rows.
 * Canonical forms: integers as themselves, DECIMAL as the unscaled value at scale 2 (cents),
 * DATE as days since 1970-01-01, text as {@code length * 65537 + sum of its characters} (the
 * data is ASCII, so characters and UTF-8 bytes agree).
 */
public final class Checksum {
    /** Scale decimals are brought to (the table's DECIMAL(15,2)). */
    public static final int DECIMAL_SCALE = 2;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private final long[] sums;
    private long rows;

    /** A checksum over {@code columns} columns. */
    public Checksum(int columns) {
        this.sums = new long[columns];
    }

    /** Counts {@code count} more rows (call once per row or once per batch). */
    public void addRows(long count) {
        rows += count;
    }

    /** Adds an integer value of column {@code column} (0-based). */
    public void addLong(int column, long value) {
        sums[column] += value;
    }

    /** Adds a decimal given as unscaled value and scale (scale 0–6 or larger with no lost digits). */
    public void addDecimal(int column, long unscaled, int scale) {
        sums[column] += rescale(unscaled, scale);
    }

    /** Adds a decimal object. */
    public void addDecimal(int column, BigDecimal value) {
        BigDecimal atScale = value.scale() == DECIMAL_SCALE ? value : value.setScale(DECIMAL_SCALE);
        sums[column] += atScale.unscaledValue().longValueExact();
    }

    /** Adds a decimal written as text ({@code -12.5}, {@code 1234.50}). */
    public void addDecimalText(int column, CharSequence text) {
        long unscaled = 0;
        int scale = -1;
        boolean negative = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' && i == 0) {
                negative = true;
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else {
                throw new IllegalArgumentException("not a decimal: " + text);
            }
        }
        addDecimal(column, negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    /** Adds a date as days since 1970-01-01. */
    public void addDate(int column, long epochDay) {
        sums[column] += epochDay;
    }

    /** Adds a date written as ISO text ({@code 1992-01-02}). */
    public void addDateText(int column, String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = Integer.parseInt(text, 0, 4, 10);
            int month = Integer.parseInt(text, 5, 7, 10);
            int day = Integer.parseInt(text, 8, 10, 10);
            addDate(column, LocalDate.of(year, month, day).toEpochDay());
        } else {
            addDate(column, LocalDate.parse(text).toEpochDay());
        }
    }

    /** Adds a text value. */
    public void addText(int column, CharSequence text) {
        long sum = 0;
        for (int i = 0; i < text.length(); i++) {
            sum += text.charAt(i);
        }
        addTextParts(column, text.length(), sum);
    }

    /** Adds a text value given by its length and the sum of its characters (or ASCII bytes). */
    public void addTextParts(int column, long length, long characterSum) {
        sums[column] += length * 65537 + characterSum;
    }

    /** Rows counted so far. */
    public long rows() {
        return rows;
    }

    /** The combined checksum of all columns so far. */
    public long value() {
        long h = 17;
        for (long sum : sums) {
            h = h * 1_000_003 + sum;
        }
        return h;
    }

    static long rescale(long unscaled, int scale) {
        if (scale == DECIMAL_SCALE) {
            return unscaled;
        }
        if (scale < DECIMAL_SCALE) {
            return unscaled * POWERS_OF_TEN[DECIMAL_SCALE - scale];
        }
        long divisor = POWERS_OF_TEN[scale - DECIMAL_SCALE];
        if (unscaled % divisor != 0) {
            throw new IllegalArgumentException("decimal with more than " + DECIMAL_SCALE + " digits after the point");
        }
        return unscaled / divisor;
    }
}
