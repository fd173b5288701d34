package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@code type-cases.sql} runs through the service over the wire in three ways (ExecuteQuery,
 * ExecuteQueryStream, and CREATE TABLE AS through ExecuteStatement then ExecuteQuery) and its column type and
 * value are compared with what the contract prescribes for in-process DuckDB's own answer to the same SQL
 * ({@link ContractOracle}). Surefire runs this class twice: in the build's zone and with the host zone set to
 * America/New_York ({@code TZ} and {@code user.timezone}); the answers must not change.
 */
class TypeDifferentialEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "dora";
    private static final String DB = "types";
    private static final String CASES = "/type-cases.sql";
    private static ContractOracle oracle;

    /** One case: its line in the file and its SQL expression. */
    record Case(int line, String expression) {
    }

    /** What the wire said, or the error it said instead. */
    record Answer(String columnType, String value) {
        static Answer of(String columnType, Value value) {
            return new Answer(columnType, WireText.of(value));
        }

        static Answer error(String error) {
            return new Answer("-", "error: " + error);
        }
    }

    @BeforeAll
    static void prepare() throws Exception {
        createDatabase(stub, USER, DB);
        oracle = new ContractOracle();
    }

    @AfterAll
    static void closeOracle() throws Exception {
        oracle.close();
    }

    @Test
    void everyTypeAnswersOverTheWireAsInProcessDuckDbUnderTheContract() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(120);
        List<String> differences = new ArrayList<>();
        for (Case c : cases) {
            ContractOracle.Expected query = oracle.ofQuery(c.expression());
            Answer expectedQuery = Answer.of(query.columnType(), query.value());
            compare(c, "ExecuteQuery", expectedQuery, unary(c), differences);
            compare(c, "ExecuteQueryStream", expectedQuery, streamed(c), differences);
            ContractOracle.Expected table = oracle.ofTable(c.expression());
            compare(c, "CREATE TABLE AS + SELECT", Answer.of(table.columnType(), table.value()), throughTable(c),
                    differences);
        }
        differences.forEach(System.out::println);
        String zone = TimeZone.getDefault().getID();
        System.out.printf("differential: %d cases × 3 modes, zone %s, %d differences%n", cases.size(), zone,
                differences.size());
        assertThat(differences).as("%d differences in zone %s (printed above)", differences.size(), zone).isEmpty();
    }

    /** Issue 10's input that is a statement, not a value: affected_rows counts a DML statement's RETURNING rows. */
    @Test
    void aStatementWithReturningCountsTheRowsItChanged() {
        Requests.ok(stub, USER, DB, "CREATE TABLE returning_rows (i INTEGER)");

        ExecuteStatementResponse inserted = Requests.statement(stub, USER, DB,
                "INSERT INTO returning_rows VALUES (10), (11) RETURNING i");
        ExecuteStatementResponse deleted = Requests.statement(stub, USER, DB,
                "DELETE FROM returning_rows WHERE i = 10 RETURNING *");

        assertThat(inserted.getError()).isEmpty();
        assertThat(inserted.getAffectedRows()).isEqualTo(2);
        assertThat(deleted.getAffectedRows()).isEqualTo(1);
    }

    private static void compare(Case c, String mode, Answer expected, Answer actual, List<String> differences) {
        if (!expected.equals(actual)) {
            differences.add(String.format("DIFF line %d [%s] %s%n    expected %s %s%n    actual   %s %s",
                    c.line(), mode, WireText.abbreviated(c.expression(), 160),
                    expected.columnType(), WireText.abbreviated(expected.value(), 400),
                    actual.columnType(), WireText.abbreviated(actual.value(), 400)));
        }
    }

    private static Answer unary(Case c) {
        try {
            ExecuteQueryResponse response = stub.executeQuery(query(USER, DB, select(c)).build());
            if (!response.getError().isEmpty()) {
                return Answer.error(response.getError());
            }
            return oneValue(response.getColumnTypesList(), rowsOf(response.getRowsList()));
        } catch (StatusRuntimeException e) {
            return Answer.error(e.getStatus().toString());
        }
    }

    private static Answer streamed(Case c) {
        List<String> types = List.of();
        List<List<Value>> rows = new ArrayList<>();
        try {
            Iterator<QueryResultChunk> chunks = stub.executeQueryStream(query(USER, DB, select(c)).build());
            boolean first = true;
            while (chunks.hasNext()) {
                QueryResultChunk chunk = chunks.next();
                if (!chunk.getSuccess()) {
                    return Answer.error(chunk.getError());
                }
                if (first) {
                    types = chunk.getColumnTypesList();
                    first = false;
                }
                rows.addAll(rowsOf(chunk.getRowsList()));
            }
        } catch (StatusRuntimeException e) {
            return Answer.error(e.getStatus().toString());
        }
        return oneValue(types, rows);
    }

    private static Answer throughTable(Case c) {
        String table = "case_" + c.line();
        try {
            ExecuteStatementResponse created = Requests.statement(stub, USER, DB,
                    "CREATE TABLE " + table + " AS SELECT " + c.expression() + " AS v");
            if (!created.getError().isEmpty()) {
                return Answer.error(created.getError());
            }
            ExecuteQueryResponse response = stub.executeQuery(query(USER, DB, "SELECT v FROM " + table).build());
            if (!response.getError().isEmpty()) {
                return Answer.error(response.getError());
            }
            return oneValue(response.getColumnTypesList(), rowsOf(response.getRowsList()));
        } catch (StatusRuntimeException e) {
            return Answer.error(e.getStatus().toString());
        }
    }

    private static List<List<Value>> rowsOf(List<isa.duckdb.api.Row> rows) {
        return rows.stream().map(isa.duckdb.api.Row::getValuesList).toList();
    }

    private static Answer oneValue(List<String> types, List<List<Value>> rows) {
        if (types.size() != 1 || rows.size() != 1 || rows.get(0).size() != 1) {
            return Answer.error("not one column and one row: types " + types + ", " + rows.size() + " rows");
        }
        return Answer.of(types.get(0), rows.get(0).get(0));
    }

    private static String select(Case c) {
        return "SELECT " + c.expression() + " AS v";
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TypeDifferentialEndToEndTest.class.getResourceAsStream(CASES)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.isEmpty() && !line.startsWith("--")) {
                    cases.add(new Case(i + 1, line));
                }
            }
        }
        return cases;
    }
}
