package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.CellWriter;
import isa.duckdb.domain.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;

/**
 * Readers of DATE, TIME, TIME_NS, TIME WITH TIME ZONE, INTERVAL and the TIMESTAMP family, from
 * their raw epoch counts: no {@code java.sql} or zone conversion, so nothing depends on the host's
 * time zone or on {@code java.sql.Timestamp}'s range. Infinities travel as the text
 * {@code infinity}/{@code -infinity} (wire-contract.md, "Values at the edges").
 */
final class TemporalReaders {
    static final String INFINITY = "infinity";
    static final String MINUS_INFINITY = "-infinity";

    private TemporalReaders() {
    }

    /** DATE: days since 1970-01-01; wire text ISO-8601 with an expanded year outside 0001-9999. */
    static VectorReader date(DateDayVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                out.writeText(iso(data.getInt(row * 4L)));
            }

            @Override
            String textValue(int row) {
                int days = data.getInt(row * 4L);
                String infinity = infinity(days, Integer.MAX_VALUE);
                return infinity != null ? infinity : DuckDbText.date(LocalDate.ofEpochDay(days));
            }

            String iso(int days) {
                String infinity = infinity(days, Integer.MAX_VALUE);
                return infinity != null ? infinity : DuckDbText.isoDate(LocalDate.ofEpochDay(days));
            }
        };
    }

    static VectorReader timeMicros(TimeMicroVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        return VectorReader.textual(vector, row -> DuckDbText.timeMicros(data.getLong(row * 8L)));
    }

    static VectorReader timeNanos(TimeNanoVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        return VectorReader.textual(vector, row -> DuckDbText.timeNanos(data.getLong(row * 8L)));
    }

    /** TIME WITH TIME ZONE as DuckDB's lossless export gives it: its 8-byte dtime_tz_t. */
    static VectorReader timeTz(FixedSizeBinaryVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        return VectorReader.textual(vector, row -> DuckDbText.timeTz(data.getLong(row * 8L)));
    }

    /** INTERVAL: 16 bytes per value, months (int), days (int), nanoseconds (long). */
    static VectorReader interval(IntervalMonthDayNanoVector vector) {
        ArrowBuf data = vector.getDataBuffer();
        return VectorReader.textual(vector, row -> DuckDbText.interval(data.getInt(row * 16L), data.getInt(row * 16L + 4),
                data.getLong(row * 16L + 8) / 1000));
    }

    /**
     * TIMESTAMP, TIMESTAMP_S/_MS/_NS and TIMESTAMP WITH TIME ZONE: a count of {@code unit} since
     * 1970-01-01T00:00:00 (UTC for the zoned type; the wall clock read as UTC for the others).
     */
    static VectorReader timestamp(TimeStampVector vector, TimeUnit unit, boolean zoned) {
        ArrowBuf data = vector.getDataBuffer();
        long perSecond = unit.convert(1, TimeUnit.SECONDS);
        int nanosPerUnit = (int) TimeUnit.NANOSECONDS.convert(1, unit);
        int fractionDigits = unit == TimeUnit.NANOSECONDS ? 9 : 6;
        return new VectorReader(vector) {
            @Override
            void writeValue(int row, CellWriter out) {
                long count = data.getLong(row * 8L);
                String infinity = infinity(count, Long.MAX_VALUE);
                if (infinity != null) {
                    out.writeText(infinity);
                } else {
                    out.writeTimestamp(Math.floorDiv(count, perSecond), (int) Math.floorMod(count, perSecond) * nanosPerUnit);
                }
            }

            @Override
            Value nestedValue(int row) {
                long count = data.getLong(row * 8L);
                String infinity = infinity(count, Long.MAX_VALUE);
                return infinity != null ? new Value.Text(infinity) : new Value.Timestamp(Instant.ofEpochSecond(
                        Math.floorDiv(count, perSecond), Math.floorMod(count, perSecond) * nanosPerUnit));
            }

            @Override
            String textValue(int row) {
                long count = data.getLong(row * 8L);
                String infinity = infinity(count, Long.MAX_VALUE);
                return infinity != null ? infinity : DuckDbText.timestamp(Math.floorDiv(count, perSecond),
                        (int) Math.floorMod(count, perSecond) * nanosPerUnit, zoned, fractionDigits);
            }
        };
    }

    /** DuckDB's infinities are the storage type's maximum and its negation. */
    private static String infinity(long value, long max) {
        if (value == max) {
            return INFINITY;
        }
        return value == -max ? MINUS_INFINITY : null;
    }
}
