package isa.duckdb.adapters.duckdb;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * DuckDB's text of a GEOMETRY ({@code CAST(g AS VARCHAR)}: {@code POINT (1 2)},
 * {@code POLYGON Z ((0 0 1, ...))}, {@code POINT EMPTY}) from its well-known binary, which is how
 * DuckDB exports it to Arrow ({@code geoarrow.wkb}). Geometry types 1-7 of ISO WKB, with Z, M and
 * ZM variants (type + 1000/2000/3000); coordinates as DuckDB prints doubles: the shortest text that
 * reads back as the same double, an exponent from 1e16 on ({@code 1e+20}).
 */
final class WellKnownText {
    private static final String[] NAMES = {"", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
        "MULTIPOLYGON", "GEOMETRYCOLLECTION"};

    private WellKnownText() {
    }

    static String of(byte[] wkb) {
        StringBuilder text = new StringBuilder();
        geometry(ByteBuffer.wrap(wkb), text, true);
        return text.toString();
    }

    /** @param named false for the members of a MULTI geometry, which DuckDB prints bare: {@code MULTIPOINT (1 2, 3 4)} */
    private static void geometry(ByteBuffer in, StringBuilder text, boolean named) {
        in.order(in.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int code = in.getInt();
        int type = code % 1000;
        int dimensions = code / 1000;
        int ordinates = dimensions == 0 ? 2 : dimensions == 3 ? 4 : 3;
        if (type < 1 || type >= NAMES.length) {
            throw new IllegalArgumentException("not a geometry type: " + code);
        }
        if (named) {
            text.append(NAMES[type]);
            if (dimensions > 0) {
                text.append(dimensions == 1 ? " Z" : dimensions == 2 ? " M" : " ZM");
            }
            text.append(' ');
        }
        switch (type) {
            case 1:
                point(in, text, ordinates, named);
                break;
            case 2:
                points(in, text, ordinates, in.getInt());
                break;
            case 3:
                rings(in, text, ordinates);
                break;
            default:
                members(in, text, type);
        }
    }

    /** A point; WKB writes an empty one as NaN coordinates. */
    private static void point(ByteBuffer in, StringBuilder text, int ordinates, boolean parenthesized) {
        double[] values = new double[ordinates];
        boolean empty = true;
        for (int i = 0; i < ordinates; i++) {
            values[i] = in.getDouble();
            empty &= Double.isNaN(values[i]);
        }
        if (empty) {
            text.append("EMPTY");
            return;
        }
        text.append(parenthesized ? "(" : "");
        for (int i = 0; i < ordinates; i++) {
            text.append(i > 0 ? " " : "").append(number(values[i]));
        }
        text.append(parenthesized ? ")" : "");
    }

    private static void points(ByteBuffer in, StringBuilder text, int ordinates, int count) {
        if (count == 0) {
            text.append("EMPTY");
            return;
        }
        text.append('(');
        for (int p = 0; p < count; p++) {
            for (int i = 0; i < ordinates; i++) {
                text.append(i > 0 ? " " : p > 0 ? ", " : "").append(number(in.getDouble()));
            }
        }
        text.append(')');
    }

    private static void rings(ByteBuffer in, StringBuilder text, int ordinates) {
        int count = in.getInt();
        if (count == 0) {
            text.append("EMPTY");
            return;
        }
        text.append('(');
        for (int r = 0; r < count; r++) {
            text.append(r > 0 ? ", " : "");
            points(in, text, ordinates, in.getInt());
        }
        text.append(')');
    }

    /** MULTIPOINT, MULTILINESTRING, MULTIPOLYGON (members unnamed) and GEOMETRYCOLLECTION (named). */
    private static void members(ByteBuffer in, StringBuilder text, int type) {
        int count = in.getInt();
        if (count == 0) {
            text.append("EMPTY");
            return;
        }
        text.append('(');
        for (int m = 0; m < count; m++) {
            text.append(m > 0 ? ", " : "");
            geometry(in, text, type == 7);
        }
        text.append(')');
    }

    /** A coordinate as DuckDB prints a double in well-known text (integral values without {@code .0}). */
    static String number(double value) {
        return shortest(value, Double.toString(value));
    }

    /**
     * A floating-point number as DuckDB's fmt-based printing writes it: the shortest digits that read
     * back as the same value ({@code shortestDigits}, Java's {@code Double/Float.toString}), plain
     * below 1e16, with an exponent from 1e16 on and below 1e-4 ({@code 1e+20}, {@code 1.5e-07});
     * {@code nan}, {@code inf}, {@code -inf}.
     */
    static String shortest(double value, String shortestDigits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            boolean negativeZero = value == 0 && Double.doubleToRawLongBits(value) != 0;
            return (negativeZero ? "-" : "") + Long.toString((long) value);
        }
        BigDecimal exact = new BigDecimal(shortestDigits).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= 16 || exponent < -4) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return exact.toPlainString();
    }
}
