package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.CreateFunctionRequest;
import isa.duckdb.api.CreateFunctionResponse;
import isa.duckdb.api.CreateViewRequest;
import isa.duckdb.api.CreateViewResponse;
import isa.duckdb.api.DropViewRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ListTablesRequest;
import isa.duckdb.api.ListViewsRequest;
import isa.duckdb.api.TableInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ViewAndFunctionEndToEndTest extends SharedServiceEndToEnd {
    private static final String USER = "vera";
    private static final String DB = "shop";

    @BeforeAll
    static void prepare() {
        createDatabase(stub, USER, DB);
        ok(stub, USER, DB, "CREATE TABLE sales(region VARCHAR, amount DECIMAL(10,2))");
        ok(stub, USER, DB, "INSERT INTO sales VALUES ('north', 10.00), ('north', 5.50), ('south', 2.25)");
    }

    private static CreateViewRequest.Builder view(String name, String query) {
        return CreateViewRequest.newBuilder().setUserId(USER).setDatabaseId(DB).setViewName(name).setQuery(query);
    }

    private static CreateFunctionRequest.Builder function(String name, String body) {
        return CreateFunctionRequest.newBuilder().setUserId(USER).setDatabaseId(DB).setFunctionName(name)
                .setFunctionBody(body);
    }

    @Test
    void aViewIsUsableInLaterQueriesListedApartFromTablesAndReplaceable() {
        CreateViewResponse created = stub.createView(view("by_region",
                "SELECT region, sum(amount) AS total FROM sales GROUP BY region;").build());
        assertThat(created.getError()).isEmpty();
        assertThat(created.getSuccess()).isTrue();

        ExecuteQueryResponse totals = select(stub, USER, DB, "SELECT total FROM by_region WHERE region = 'north'");
        assertThat(totals.getRows(0).getValues(0).getStringValue()).isEqualTo("15.50");
        assertThat(stub.listViews(ListViewsRequest.newBuilder().setUserId(USER).setDatabaseId(DB).build()).getViewsList())
                .contains("by_region");
        assertThat(stub.listTables(ListTablesRequest.newBuilder().setUserId(USER).setDatabaseId(DB).build())
                .getTablesList()).extracting(TableInfo::getTableName).doesNotContain("by_region");

        assertThat(stub.createView(view("by_region", "SELECT 1 AS one").build()).getError()).startsWith("ALREADY_EXISTS:");
        assertThat(stub.createView(view("by_region", "SELECT count(*) AS n FROM sales").setReplace(true).build())
                .getSuccess()).isTrue();
        assertThat(select(stub, USER, DB, "SELECT n FROM by_region").getRows(0).getValues(0).getIntValue()).isEqualTo(3);
    }

    @Test
    void aViewQueryIsOneQueryUnderTheSameRulesAsAnyQuery() {
        ok(stub, USER, DB, "CREATE TABLE guarded(x INTEGER)");
        assertThat(stub.createView(view("evil", "SELECT 1; DROP TABLE guarded").build()).getError())
                .startsWith("INVALID_ARGUMENT:");
        assertThat(stub.createView(view("evil", "SELECT * FROM read_csv('/etc/passwd')").build()).getSuccess())
                .isFalse();
        assertThat(stub.createView(view("evil", "DROP TABLE guarded").build()).getSuccess()).isFalse();
        assertThat(stub.createView(view("evil", "").build()).getError()).startsWith("INVALID_ARGUMENT:");
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM guarded").getRowsCount()).isEqualTo(1);
        assertThat(stub.listViews(ListViewsRequest.newBuilder().setUserId(USER).setDatabaseId(DB).build()).getViewsList())
                .doesNotContain("evil");
    }

    @Test
    void droppingAViewNeedsTheView() {
        assertThat(stub.createView(view("temporary_look", "SELECT 42 AS answer").build()).getSuccess()).isTrue();
        DropViewRequest drop = DropViewRequest.newBuilder().setUserId(USER).setDatabaseId(DB).setViewName("temporary_look")
                .build();

        assertThat(stub.dropView(drop).getSuccess()).isTrue();
        assertThat(stub.dropView(drop).getError()).startsWith("NOT_FOUND:");
        assertThat(stub.dropView(drop.toBuilder().setViewName("sales").build()).getError()).startsWith("NOT_FOUND:");
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM sales").getRowsCount()).isEqualTo(1);
    }

    @Test
    void theLegacyPrefixWorksInViewNamesAndQueries() {
        assertThat(stub.createView(view("user_vera_north", "SELECT * FROM user_vera_sales WHERE region = 'north'")
                .build()).getError()).isEmpty();
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM north").getRows(0).getValues(0).getIntValue()).isEqualTo(2);
        assertThat(stub.dropView(DropViewRequest.newBuilder().setUserId(USER).setDatabaseId(DB)
                .setViewName("user_vera_north").build()).getSuccess()).isTrue();
    }

    @Test
    void aFunctionIsCallableAndItsReturnTypeCastsTheResult() {
        CreateFunctionResponse created = stub.createFunction(function("with_tax", "amount * 1.2")
                .addParameters("amount").setReturnType("DECIMAL(10,2)").build());
        assertThat(created.getError()).isEmpty();
        assertThat(created.getSuccess()).isTrue();

        ExecuteQueryResponse taxed = select(stub, USER, DB,
                "SELECT with_tax(amount) AS taxed FROM sales WHERE region = 'south'");
        assertThat(taxed.getColumnTypesList()).containsExactly("DECIMAL(10,2)");
        assertThat(taxed.getRows(0).getValues(0).getStringValue()).isEqualTo("2.70");

        assertThat(stub.createFunction(function("add", "a + b").addParameters("a").addParameters("b").build())
                .getSuccess()).isTrue();
        assertThat(select(stub, USER, DB, "SELECT add(40, 2)").getRows(0).getValues(0).getIntValue()).isEqualTo(42);
        assertThat(stub.createFunction(function("add", "a - b").addParameters("a").addParameters("b").build())
                .getSuccess()).isTrue();
        assertThat(select(stub, USER, DB, "SELECT add(40, 2)").getRows(0).getValues(0).getIntValue()).isEqualTo(38);
    }

    @Test
    void aFunctionWhoseBodyIsAQueryReturnsATable() {
        assertThat(stub.createFunction(function("region_sales", "SELECT * FROM sales WHERE region = r")
                .addParameters("r").build()).getSuccess()).isTrue();

        assertThat(select(stub, USER, DB, "SELECT count(*) FROM region_sales('north')").getRows(0).getValues(0)
                .getIntValue()).isEqualTo(2);
    }

    @Test
    void aFunctionCannotCarryMoreThanItsBody() {
        ok(stub, USER, DB, "CREATE TABLE precious(x INTEGER)");
        for (CreateFunctionRequest bad : new CreateFunctionRequest[] {
            function("f", "1); DROP TABLE precious; --").build(),
            function("f", "1; DROP TABLE precious").build(),
            function("f", "1").setReturnType("INTEGER); DROP TABLE precious; --").build(),
            function("f", "1").setReturnType("INTEGER NOT NULL").build(),
            function("f", "x").addParameters("x").addParameters("X").build(),
            function("", "1").build(),
            function("f", "").build()}) {
            assertThat(stub.createFunction(bad).getError()).as(bad.toString()).startsWith("INVALID_ARGUMENT:");
        }
        assertThat(select(stub, USER, DB, "SELECT count(*) FROM precious").getRowsCount()).isEqualTo(1);
    }
}
