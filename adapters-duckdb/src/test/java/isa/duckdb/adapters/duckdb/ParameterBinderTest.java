package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values bound to placeholders, through the session (BoundSql renumbers named ones to positions). */
class ParameterBinderTest {
    @TempDir
    Path folder;
    DuckDbTestDatabase db;

    @BeforeEach
    void open() {
        db = new DuckDbTestDatabase(folder);
        db.run("CREATE TABLE t (b BOOLEAN, i BIGINT, d DOUBLE, s VARCHAR, x BLOB, ts TIMESTAMP, tz TIMESTAMPTZ)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ServiceException failure(Runnable call) {
        try {
            call.run();
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void everyScalarValueKindRoundTripsThroughItsColumn() {
        Instant instant = Instant.parse("2024-01-02T03:04:05.123456Z");
        db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", new Value.Bool(true), new Value.Int(-42),
                new Value.Double(2.5), new Value.Text("it's"), new Value.Bytes(new byte[] {0, (byte) 255}),
                new Value.Timestamp(instant), new Value.Timestamp(instant));

        assertThat(db.rows("SELECT * FROM t").get(0)).containsExactly(new Value.Bool(true), new Value.Int(-42),
                new Value.Double(2.5), new Value.Text("it's"), new Value.Bytes(new byte[] {0, (byte) 255}),
                new Value.Timestamp(instant), new Value.Timestamp(instant));
    }

    @Test
    void aNullBindsIntoAnyColumn() {
        db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", Value.NULL, Value.NULL, Value.NULL, Value.NULL,
                Value.NULL, Value.NULL, Value.NULL);

        assertThat(db.rows("SELECT * FROM t").get(0)).containsOnly(Value.NULL);
    }

    @Test
    void namedParametersBindWhereverTheirNameAppearsAndNumberedOnesByPosition() {
        db.run("INSERT INTO t (i, s) VALUES ($n, $label), ($n + 1, $label)",
                Map.of("n", new Value.Int(10), "label", new Value.Text("ten")));
        db.run("INSERT INTO t (s, i) VALUES ($2, $1)", Map.of("1", new Value.Int(20), "2", new Value.Text("twenty")));

        assertThat(db.rows("SELECT i, s FROM t ORDER BY i")).extracting(row -> row[0] + "/" + row[1]).containsExactly(
                new Value.Int(10) + "/" + new Value.Text("ten"), new Value.Int(11) + "/" + new Value.Text("ten"),
                new Value.Int(20) + "/" + new Value.Text("twenty"));
    }

    @Test
    void tooFewOrTooManyValuesAreInvalidArgumentNamingBothCounts() {
        ServiceException tooMany = failure(() -> db.run("SELECT ?", new Value.Int(1), new Value.Int(2)));
        ServiceException tooFew = failure(() -> db.run("SELECT ? + ?", new Value.Int(1)));

        assertThat(tooMany.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(tooMany.detail()).isEqualTo("the statement has 1 parameter(s) but 2 value(s) were given");
        assertThat(tooFew.detail()).isEqualTo("the statement has 2 parameter(s) but 1 value(s) were given");
    }

    @Test
    void aValueThatDoesNotConvertToTheColumnTypeIsInvalidArgumentAndInsertsNothing() {
        ServiceException failure = failure(() -> db.run("INSERT INTO t (i) VALUES (?)", new Value.Text("twelve")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(failure.getMessage()).contains("Conversion Error");
        assertThat(db.value("SELECT count(*) FROM t")).isEqualTo(new Value.Int(0));
    }

    private Value text(String sql, Value... values) {
        return db.value(sql, values);
    }

    @Test
    void aTimestampIntoATimestampColumnIsItsUtcWallClockWhateverTheJvmZone() {
        TimeZone jvmZone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            Instant noon = Instant.parse("2024-01-01T12:00:00Z");
            db.run("INSERT INTO t (ts, tz) VALUES (?, ?)", new Value.Timestamp(noon), new Value.Timestamp(noon));
            db.run("INSERT INTO t (ts) SELECT ? + INTERVAL 1 HOUR", new Value.Timestamp(noon));
        } finally {
            TimeZone.setDefault(jvmZone);
        }

        assertThat(db.rows("SELECT CAST(ts AS VARCHAR), CAST(tz AS VARCHAR) FROM t ORDER BY ts"))
                .extracting(row -> row[0] + " | " + row[1]).containsExactly(
                        new Value.Text("2024-01-01 12:00:00") + " | " + new Value.Text("2024-01-01 12:00:00+00"),
                        new Value.Text("2024-01-01 13:00:00") + " | " + Value.NULL);
    }

    @Test
    void inADatabaseWithItsOwnZoneATimestampIsStillItsUtcWallClockAndTheInstantKeepsItsPlace(@TempDir Path other) {
        try (DuckDbTestDatabase tokyo = new DuckDbTestDatabase(other, "Asia/Tokyo")) {
            tokyo.run("CREATE TABLE t (ts TIMESTAMP, tz TIMESTAMPTZ, d DATE)");
            Instant late = Instant.parse("2024-01-01T23:30:00Z");
            tokyo.run("INSERT INTO t VALUES (?, ?, ?)", new Value.Timestamp(late), new Value.Timestamp(late),
                    new Value.Timestamp(late));

            assertThat(tokyo.rows("SELECT CAST(ts AS VARCHAR), CAST(tz AS VARCHAR), CAST(d AS VARCHAR) FROM t").get(0))
                    .containsExactly(new Value.Text("2024-01-01 23:30:00"), new Value.Text("2024-01-02 08:30:00+09"),
                            new Value.Text("2024-01-01"));
        }
    }

    @Test
    void timestampNsKeepsItsNanosecondsAndCoarserTypesAreCutByDuckDbsCast() {
        db.run("CREATE TABLE n (ns TIMESTAMP_NS, ms TIMESTAMP_MS, s TIMESTAMP_S)");
        Instant instant = Instant.parse("2024-01-01T12:00:00.123456789Z");
        db.run("INSERT INTO n VALUES (?, ?, ?)", new Value.Timestamp(instant), new Value.Timestamp(instant),
                new Value.Timestamp(instant));

        assertThat(db.rows("SELECT CAST(ns AS VARCHAR), CAST(ms AS VARCHAR), CAST(s AS VARCHAR), epoch_ns(ns) FROM n")
                .get(0)).containsExactly(new Value.Text("2024-01-01 12:00:00.123456789"),
                        new Value.Text("2024-01-01 12:00:00.123"), new Value.Text("2024-01-01 12:00:00"),
                        new Value.Int(1_704_110_400_123_456_789L));
        assertThat(text("SELECT epoch_ns(?::TIMESTAMP_NS)", new Value.Timestamp(Instant.parse(
                "1969-12-31T23:59:59.999999999Z")))).isEqualTo(new Value.Int(-1));
    }

    @Test
    void aTimestampWhoseTypeDuckDbCannotTellIsATimestampWithTimeZone() {
        Instant instant = Instant.parse("0001-01-01T00:00:00Z");

        assertThat(text("SELECT typeof(?)", new Value.Timestamp(instant)))
                .isEqualTo(new Value.Text("TIMESTAMP WITH TIME ZONE"));
        assertThat(text("SELECT CAST(? AS VARCHAR)", new Value.Timestamp(instant)))
                .isEqualTo(new Value.Text("0001-01-01 00:00:00+00"));
    }

    @Test
    void decimalAndHugeintGivenAsTextBindWithEveryDigit() {
        db.run("CREATE TABLE x (d DECIMAL(38,10), h HUGEINT, u UHUGEINT)");
        db.run("INSERT INTO x VALUES (?, ?, ?)", new Value.Text("12345678901234567890.0123456789"),
                new Value.Text("-170141183460469231731687303715884105728"),
                new Value.Text("340282366920938463463374607431768211455"));

        assertThat(db.rows("SELECT CAST(d AS VARCHAR), CAST(h AS VARCHAR), CAST(u AS VARCHAR) FROM x").get(0))
                .containsExactly(new Value.Text("12345678901234567890.0123456789"),
                        new Value.Text("-170141183460469231731687303715884105728"),
                        new Value.Text("340282366920938463463374607431768211455"));
        assertThat(text("SELECT CAST(count(*) AS VARCHAR) FROM x WHERE d = ?",
                new Value.Text("12345678901234567890.0123456789"))).isEqualTo(new Value.Text("1"));
    }

    @Test
    void theTimestampTextIsUtcToTheNanosecond() {
        assertThat(ParameterBinder.utcText(Instant.parse("2024-01-01T12:00:00.000000001Z")))
                .isEqualTo("2024-01-01 12:00:00.000000001+00");
        assertThat(ParameterBinder.utcText(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01 00:00:00.000000000+00");
    }

    @Test
    void structAndListValuesCannotBeBound() {
        ServiceException list = failure(() -> db.run("SELECT ?", new Value.ListOf(List.of(new Value.Int(1)))));
        ServiceException struct = failure(() -> db.run("SELECT ?", new Value.Struct(Map.of("a", new Value.Int(1)))));

        assertThat(list.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(list.detail()).isEqualTo("parameter 1: struct and list values cannot be bound");
        assertThat(struct.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }
}
