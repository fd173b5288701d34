package isa.duckdb.adapters.duckdb;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * DuckDB's text forms ({@code CAST(x AS VARCHAR)}) of the values whose wire form is text, rebuilt
 * from their storage: TIME ({@code 10:00:00.5}), TIME WITH TIME ZONE ({@code 10:00:00+05}),
 * INTERVAL ({@code 1 year 2 months 3 days 04:05:06.7}), BIT and BIGNUM, and the DATE/TIMESTAMP/BLOB
 * texts a MAP key of those types shows as. Sources: DuckDB's Time::ToString, IntervalToStringCast,
 * Bit::ToString, Bignum::ToString, Date::ToString, Blob::ToString.
 */
final class DuckDbText {
    static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    /** dtime_tz_t keeps the offset in its low 24 bits, as (16 h - 1 s) minus the offset in seconds. */
    private static final int TIME_TZ_OFFSET_BITS = 24;
    private static final int TIME_TZ_MAX_OFFSET = 16 * 60 * 60 - 1;

    private DuckDbText() {
    }

    /** TIME from microseconds of the day ({@code 24:00:00} included). */
    static String timeMicros(long micros) {
        return clock(micros / MICROS_PER_SECOND, micros % MICROS_PER_SECOND, 6);
    }

    /** TIME_NS from nanoseconds of the day. */
    static String timeNanos(long nanos) {
        return clock(nanos / 1_000_000_000L, nanos % 1_000_000_000L, 9);
    }

    /** TIME WITH TIME ZONE from DuckDB's 64-bit dtime_tz_t. */
    static String timeTz(long bits) {
        long micros = bits >>> TIME_TZ_OFFSET_BITS;
        int offset = TIME_TZ_MAX_OFFSET - (int) (bits & ((1L << TIME_TZ_OFFSET_BITS) - 1));
        return timeMicros(micros) + offset(offset);
    }

    /** A UTC offset as DuckDB prints it: {@code +05}, {@code -03:30}, {@code +01:02:03}. */
    static String offset(int seconds) {
        StringBuilder text = new StringBuilder(seconds < 0 ? "-" : "+");
        int abs = Math.abs(seconds);
        twoDigits(text, abs / 3600);
        if (abs % 3600 != 0) {
            text.append(':');
            twoDigits(text, abs % 3600 / 60);
            if (abs % 60 != 0) {
                text.append(':');
                twoDigits(text, abs % 60);
            }
        }
        return text.toString();
    }

    /** INTERVAL from its months, days and microseconds. */
    static String interval(int months, int days, long micros) {
        StringBuilder text = new StringBuilder();
        int years = months / 12;
        unit(text, years, " year");
        unit(text, months - years * 12, " month");
        unit(text, days, " day");
        if (micros != 0) {
            if (text.length() > 0) {
                text.append(' ');
            }
            if (micros < 0) {
                text.append('-');
            }
            long abs = micros == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(micros);
            long hours = abs / MICROS_PER_HOUR;
            if (hours < 10) {
                text.append('0');
            }
            text.append(hours).append(':');
            long rest = abs % MICROS_PER_HOUR;
            twoDigits(text, rest / MICROS_PER_MINUTE);
            text.append(':');
            rest %= MICROS_PER_MINUTE;
            twoDigits(text, rest / MICROS_PER_SECOND);
            fraction(text, rest % MICROS_PER_SECOND, 6);
        } else if (text.length() == 0) {
            text.append("00:00:00");
        }
        return text.toString();
    }

    /**
     * FLOAT or DOUBLE as {@code CAST(x AS VARCHAR)} prints it: shortest digits, {@code 1.0} for an
     * integral value, {@code 1e+16}, {@code 1e-07}, {@code nan}, {@code inf}.
     * @param shortestDigits Java's shortest text of the value ({@code Float.toString} for a FLOAT)
     */
    static String floating(double value, String shortestDigits) {
        String text = WellKnownText.shortest(value, shortestDigits);
        boolean integral = text.chars().allMatch(c -> c == '-' || Character.isDigit(c));
        return integral ? text + ".0" : text;
    }

    /** BIT from DuckDB's storage: a byte counting the padding bits, then the bits, first bit highest. */
    static String bit(byte[] stored) {
        int padding = stored.length == 0 ? 0 : stored[0] & 0xFF;
        StringBuilder text = new StringBuilder((stored.length - 1) * 8);
        for (int i = 1; i < stored.length; i++) {
            for (int b = 7; b >= 0; b--) {
                text.append((stored[i] >> b & 1) == 1 ? '1' : '0');
            }
        }
        return text.substring(Math.min(padding, text.length()));
    }

    /**
     * BIGNUM from DuckDB's storage: a 3-byte header whose top bit is set for non-negative numbers
     * (the rest counts the data bytes), then the magnitude big-endian; negative numbers store header
     * and data bit-inverted.
     */
    static String bignum(byte[] stored) {
        boolean negative = (stored[0] & 0x80) == 0;
        byte[] magnitude = new byte[stored.length - 3];
        for (int i = 3; i < stored.length; i++) {
            magnitude[i - 3] = negative ? (byte) ~stored[i] : stored[i];
        }
        BigInteger value = new BigInteger(1, magnitude);
        return (negative ? value.negate() : value).toString();
    }

    /** DATE as DuckDB prints it: {@code 2024-01-01}, {@code 0044-03-15 (BC)}. */
    static String date(LocalDate date) {
        int year = date.getYear();
        boolean bc = year <= 0;
        StringBuilder text = new StringBuilder();
        String digits = Integer.toString(bc ? 1 - year : year);
        text.append("0".repeat(Math.max(0, 4 - digits.length()))).append(digits).append('-');
        twoDigits(text, date.getMonthValue());
        text.append('-');
        twoDigits(text, date.getDayOfMonth());
        return bc ? text.append(" (BC)").toString() : text.toString();
    }

    /** {@link LocalDate#toString()} (ISO-8601, {@code 2024-01-31}), built without a StringBuilder for years 1000–9999. */
    static String isoDate(LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return date.toString();
        }
        char[] text = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'};
        for (int i = 3; i >= 0; i--, year /= 10) {
            text[i] = (char) ('0' + year % 10);
        }
        text[5] += (char) (date.getMonthValue() / 10);
        text[6] += (char) (date.getMonthValue() % 10);
        text[8] += (char) (date.getDayOfMonth() / 10);
        text[9] += (char) (date.getDayOfMonth() % 10);
        return new String(text);
    }

    /** TIMESTAMP as DuckDB prints it ({@code 2024-01-01 12:00:00.5}); {@code zoned} adds {@code +00}. */
    static String timestamp(long epochSecond, int nanos, boolean zoned, int fractionDigits) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, nanos, ZoneOffset.UTC);
        long fraction = fractionDigits == 9 ? nanos : nanos / 1000;
        String clock = clock(time.toLocalTime().toSecondOfDay(), fraction, fractionDigits);
        String date = date(time.toLocalDate());
        return date + " " + clock + (zoned ? "+00" : "");
    }

    /** BLOB as DuckDB prints it: printable ASCII as is, any other byte as {@code \xHH}. */
    static String blob(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 32 && c <= 126 && c != '\\' && c != '\'' && c != '"') {
                text.append((char) c);
            } else {
                text.append("\\x").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return text.toString();
    }

    /**
     * A DECIMAL's digits from its unscaled value and scale, as DuckDB prints them: {@code -0.50}, and
     * without the leading zero when the width is the scale ({@code DECIMAL(4,4)}: {@code -.0001}).
     */
    static String decimal(long unscaled, int scale, boolean widthIsScale) {
        String text = decimal(unscaled, scale);
        return widthIsScale ? text.replaceFirst("^(-?)0\\.", "$1.") : text;
    }

    private static String decimal(long unscaled, int scale) {
        if (scale == 0) {
            return Long.toString(unscaled);
        }
        char[] text = new char[Math.max(19, scale + 1) + 2];
        int start = text.length;
        long rest = unscaled > 0 ? -unscaled : unscaled; // negative, so that Long.MIN_VALUE needs no special case
        int digits = 0;
        while (rest != 0 || digits <= scale) {
            text[--start] = (char) ('0' - rest % 10);
            rest /= 10;
            digits++;
            if (digits == scale) {
                text[--start] = '.';
            }
        }
        if (unscaled < 0) {
            text[--start] = '-';
        }
        return new String(text, start, text.length - start);
    }

    private static String clock(long secondsOfDay, long fraction, int fractionDigits) {
        StringBuilder text = new StringBuilder(16);
        twoDigits(text, secondsOfDay / 3600);
        text.append(':');
        twoDigits(text, secondsOfDay % 3600 / 60);
        text.append(':');
        twoDigits(text, secondsOfDay % 60);
        fraction(text, fraction, fractionDigits);
        return text.toString();
    }

    private static void fraction(StringBuilder text, long fraction, int digits) {
        if (fraction == 0) {
            return;
        }
        String padded = Long.toString(fraction);
        padded = "0".repeat(digits - padded.length()) + padded;
        int end = padded.length();
        while (padded.charAt(end - 1) == '0') {
            end--;
        }
        text.append('.').append(padded, 0, end);
    }

    private static void unit(StringBuilder text, int value, String name) {
        if (value == 0) {
            return;
        }
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(value).append(name);
        if (value != 1 && value != -1) {
            text.append('s');
        }
    }

    private static void twoDigits(StringBuilder text, long value) {
        if (value < 10) {
            text.append('0');
        }
        text.append(value);
    }
}
