package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    void structAndListValuesCannotBeBound() {
        ServiceException list = failure(() -> db.run("SELECT ?", new Value.ListOf(List.of(new Value.Int(1)))));
        ServiceException struct = failure(() -> db.run("SELECT ?", new Value.Struct(Map.of("a", new Value.Int(1)))));

        assertThat(list.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(list.detail()).isEqualTo("parameter 1: struct and list values cannot be bound");
        assertThat(struct.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }
}
