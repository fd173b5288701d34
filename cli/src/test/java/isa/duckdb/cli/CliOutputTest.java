package isa.duckdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import isa.duckdb.api.NullValue;
import isa.duckdb.api.Row;
import isa.duckdb.api.Value;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How results, parameters and progress look: the printers, parameter typing and plain progress lines. */
class CliOutputTest {
    private static final Row ROW = Row.newBuilder()
            .addValues(Value.newBuilder().setIntValue(7))
            .addValues(Value.newBuilder().setStringValue("pen, \"blue\""))
            .addValues(Value.newBuilder().setNullValue(NullValue.NULL_VALUE))
            .addValues(Value.newBuilder().setTimestampValue(Timestamp.newBuilder().setSeconds(1_700_000_000)))
            .addValues(Value.newBuilder().setStructValue(Struct.newBuilder().putFields("tags",
                    com.google.protobuf.Value.newBuilder().setListValue(ListValue.newBuilder().addValues(
                            com.google.protobuf.Value.newBuilder().setStringValue("a"))).build())))
            .addValues(Value.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})))
            .build();
    private static final List<String> COLUMNS = List.of("id", "item", "note", "at", "extra", "blob");

    private static String print(String format, Row... rows) {
        StringWriter text = new StringWriter();
        ResultPrinter printer = ResultPrinter.of(format, new PrintWriter(text));
        printer.columns(COLUMNS);
        for (Row row : rows) {
            printer.row(row);
        }
        printer.end(rows.length);
        return text.toString();
    }

    @Test
    void csvHasAHeaderQuotesWhereNeededAndLeavesNullEmpty() {
        assertThat(print("csv", ROW)).isEqualTo("id,item,note,at,extra,blob\n"
                + "7,\"pen, \"\"blue\"\"\",,2023-11-14T22:13:20Z,\"{\"\"tags\"\":[\"\"a\"\"]}\",AQID\n");
    }

    @Test
    void jsonIsOneTypedObjectPerLine() {
        assertThat(print("json", ROW, ROW).split("\n")).hasSize(2).allSatisfy(line -> assertThat(line).isEqualTo(
                "{\"id\":7,\"item\":\"pen, \\\"blue\\\"\",\"note\":null,\"at\":\"2023-11-14T22:13:20Z\","
                        + "\"extra\":{\"tags\":[\"a\"]},\"blob\":\"AQID\"}"));
    }

    @Test
    void theTableAlignsColumnsUnderAHeaderAndCountsTheRows() {
        Row shortRow = Row.newBuilder().addValues(Value.newBuilder().setIntValue(12345))
                .addValues(Value.newBuilder().setStringValue("ink")).build();

        String table = print("table", ROW, shortRow);

        assertThat(table.split("\n")).containsExactly(
                "id    | item        | note | at                   | extra          | blob",
                "------+-------------+------+----------------------+----------------+-----",
                "7     | pen, \"blue\" | NULL | 2023-11-14T22:13:20Z | {\"tags\":[\"a\"]} | AQID",
                "12345 | ink         |      |                      |                | ",
                "(2 rows)");
    }

    @Test
    void parametersAreTypedFromTheirTextUnlessMarkedText() {
        var parameters = QueryParameters.parse(List.of("min=5", "ratio=0.25", "flag=true", "none=null", "name=ann",
                "code:text=007", "1=-3"));

        assertThat(parameters.get("min").getIntValue()).isEqualTo(5);
        assertThat(parameters.get("ratio").getDoubleValue()).isEqualTo(0.25);
        assertThat(parameters.get("flag").getBoolValue()).isTrue();
        assertThat(parameters.get("none").hasNullValue()).isTrue();
        assertThat(parameters.get("name").getStringValue()).isEqualTo("ann");
        assertThat(parameters.get("code").getStringValue()).isEqualTo("007");
        assertThat(parameters.get("1").getIntValue()).isEqualTo(-3);
    }

    @Test
    void sqlReturningRowsIsStreamedAndOtherSqlRunsAsAStatement() {
        assertThat(QueryCommand.returnsRows("  select 1")).isTrue();
        assertThat(QueryCommand.returnsRows("-- the count\nWITH t AS (SELECT 1) SELECT * FROM t")).isTrue();
        assertThat(QueryCommand.returnsRows("(SELECT 1) UNION (SELECT 2)")).isTrue();
        assertThat(QueryCommand.returnsRows("INSERT INTO t VALUES (1)")).isFalse();
        assertThat(QueryCommand.returnsRows("create table t (i int)")).isFalse();
    }

    @Test
    void plainProgressPrintsEachTenthWithRateAndTimeLeftAndAFinalLine() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        long total = 100L * 1_048_576;
        ImportProgress progress = new ImportProgress.Lines("import f.csv", total, new PrintWriter(text), now::get);

        now.set(1_000_000_000L);
        progress.sent(10L * 1_048_576);
        progress.sent(15L * 1_048_576);
        now.set(2_000_000_000L);
        progress.sent(20L * 1_048_576);
        now.set(10_000_000_000L);
        progress.sent(total);
        progress.close();

        assertThat(text.toString().split("\n")).containsExactly(
                "import f.csv: 10.0 of 100.0 MB (10%), 10.0 MB/s, 9 s left",
                "import f.csv: 20.0 of 100.0 MB (20%), 10.0 MB/s, 8 s left",
                "import f.csv: 100.0 of 100.0 MB (100%), 10.0 MB/s, 0 s left");
    }

    @Test
    void errorsKeepTheirCodeWordAndMapToTheDocumentedExitCodes() {
        assertThat(CliFailure.fromError("NOT_FOUND: database 'x' does not exist").code()).isEqualTo("NOT_FOUND");
        assertThat(CliFailure.fromError("statement 2 failed").code()).isEqualTo("UNKNOWN");
        assertThat(ExitCodes.of("NOT_FOUND")).isEqualTo(3);
        assertThat(ExitCodes.of("ALREADY_EXISTS")).isEqualTo(4);
        assertThat(ExitCodes.of("INVALID_ARGUMENT")).isEqualTo(5);
        assertThat(ExitCodes.of("FAILED_PRECONDITION")).isEqualTo(5);
        assertThat(ExitCodes.of("UNAUTHENTICATED")).isEqualTo(6);
        assertThat(ExitCodes.of("UNAVAILABLE")).isEqualTo(7);
        assertThat(ExitCodes.of("RESOURCE_EXHAUSTED")).isEqualTo(8);
        assertThat(ExitCodes.of("CANCELLED")).isEqualTo(9);
        assertThat(ExitCodes.of("FILE")).isEqualTo(10);
        assertThat(ExitCodes.of("INTERNAL")).isEqualTo(1);
    }
}
