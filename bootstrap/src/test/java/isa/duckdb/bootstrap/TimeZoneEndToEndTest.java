package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.Value;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Results and parameters do not depend on the server host's zone (wire contract, "Values at the edges"): DuckDB's
 * {@code TimeZone} is UTC unless the database's {@code config} sets {@code timezone}. Surefire runs this class
 * in the build's zone and again with the host zone America/New_York.
 */
class TimeZoneEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "zoe";

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, "plain");
        CreateDatabaseResponse tokyo = stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId(USER)
                .setDatabaseName("tokyo").putConfig("timezone", "asia/tokyo").build());
        assertThat(tokyo.getError()).isEmpty();
    }

    private static String text(String database, String sql) {
        return select(stub, USER, database, sql).getRows(0).getValues(0).getStringValue();
    }

    private static ExecuteStatementResponse insert(String database, String sql, Value value) {
        return stub.executeStatement(ExecuteStatementRequest.newBuilder().setUserId(USER).setDatabaseId(database)
                .setStatement(sql).putParameters("1", value).build());
    }

    private static Value timestamp(long seconds, int nanos) {
        return Value.newBuilder().setTimestampValue(Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos)).build();
    }

    @Test
    void aDatabaseRunsInUtcWhateverTheHostsZone() {
        assertThat(text("plain", "SELECT current_setting('TimeZone')")).isEqualTo("UTC");
        assertThat(text("plain", "SELECT CAST(TIMESTAMPTZ '2024-07-01 12:00:00+02' AS VARCHAR)"))
                .isEqualTo("2024-07-01 10:00:00+00");
        assertThat(text("plain", "SELECT CAST(CAST(TIMESTAMP '2024-07-01 12:00:00' AS TIMESTAMPTZ) AS VARCHAR)"))
                .isEqualTo("2024-07-01 12:00:00+00");
        System.out.printf("time zones: host %s, database TimeZone UTC%n", TimeZone.getDefault().getID());
    }

    @Test
    void aDatabaseConfiguredWithATimeZoneShowsItAsDuckDbSpellsItAndCastsInIt() {
        assertThat(text("tokyo", "SELECT current_setting('TimeZone')")).isEqualTo("Asia/Tokyo");
        assertThat(text("tokyo", "SELECT CAST(TIMESTAMPTZ '2024-07-01 12:00:00+00' AS VARCHAR)"))
                .isEqualTo("2024-07-01 21:00:00+09");
        assertThat(text("tokyo", "SELECT CAST(CAST(TIMESTAMPTZ '2024-07-01 23:30:00+00' AS DATE) AS VARCHAR)"))
                .isEqualTo("2024-07-02");
    }

    @Test
    void aTimeZoneDuckDbDoesNotKnowIsRefusedNamingTheOption() {
        CreateDatabaseResponse mars = stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId(USER)
                .setDatabaseName("mars").putConfig("timezone", "Mars/Olympus_Mons").build());
        CreateDatabaseResponse offset = stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId(USER)
                .setDatabaseName("offset").putConfig("timezone", "+05:00").build());

        assertThat(mars.getSuccess()).isFalse();
        assertThat(mars.getError()).startsWith("INVALID_ARGUMENT: config timezone 'Mars/Olympus_Mons'");
        assertThat(offset.getError()).startsWith("INVALID_ARGUMENT: config timezone");
    }

    @Test
    void aTimestampParameterIntoATimestampColumnIsItsUtcWallClockInEveryDatabase() {
        for (String database : new String[] {"plain", "tokyo"}) {
            ok(stub, USER, database, "CREATE TABLE wall (ts TIMESTAMP)");
            assertThat(insert(database, "INSERT INTO wall VALUES (?)", timestamp(1_704_110_400L, 0)).getError())
                    .isEmpty();
            assertThat(text(database, "SELECT CAST(ts AS VARCHAR) FROM wall")).as(database)
                    .isEqualTo("2024-01-01 12:00:00");
        }
    }

    @Test
    void timestampNsDecimalAndHugeintParametersBindExactly() {
        ok(stub, USER, "plain", "CREATE TABLE exact (ns TIMESTAMP_NS, d DECIMAL(38,10), h HUGEINT)");
        assertThat(insert("plain", "INSERT INTO exact (ns) VALUES (?)", timestamp(1_704_110_400L, 123_456_789))
                .getError()).isEmpty();
        assertThat(insert("plain", "UPDATE exact SET d = ?", Value.newBuilder()
                .setStringValue("12345678901234567890.0123456789").build()).getError()).isEmpty();
        assertThat(insert("plain", "UPDATE exact SET h = ?", Value.newBuilder()
                .setStringValue("-170141183460469231731687303715884105728").build()).getError()).isEmpty();

        assertThat(text("plain", "SELECT CAST(ns AS VARCHAR) || ' ' || CAST(d AS VARCHAR) || ' ' || CAST(h AS VARCHAR)"
                + " FROM exact")).isEqualTo("2024-01-01 12:00:00.123456789 12345678901234567890.0123456789"
                        + " -170141183460469231731687303715884105728");
    }
}
