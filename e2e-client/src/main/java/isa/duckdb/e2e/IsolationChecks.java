package isa.duckdb.e2e;

import static isa.duckdb.e2e.CheckContext.OTHER_USER;
import static isa.duckdb.e2e.CheckContext.USER;
import static isa.duckdb.e2e.Expect.equal;
import static isa.duckdb.e2e.Expect.failedWith;
import static isa.duckdb.e2e.Expect.succeeded;
import static isa.duckdb.e2e.Expect.that;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.ListDatabasesRequest;
import java.util.List;
import java.util.Map;

/**
 * What a caller must not reach: the sandbox refuses SQL that touches the server's files, attaches,
 * copies out, installs extensions or re-enables external access (each refusal a code-word error,
 * no rows); another tenant sees NOT_FOUND for the run's database; a call without user_id is
 * PERMISSION_DENIED, or, when the run calls with a token, a call without the token is UNAUTHENTICATED.
 */
final class IsolationChecks {
    private static final List<String> ESCAPES = List.of(
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_text('/etc/hostname')",
            "SELECT * FROM glob('/*')",
            "ATTACH '/tmp/e2e-escape.duckdb' AS escape",
            "COPY (SELECT 1) TO '/tmp/e2e-escape.csv'",
            "INSTALL httpfs",
            "SET enable_external_access = true");

    private final CheckContext context;

    IsolationChecks(CheckContext context) {
        this.context = context;
    }

    void sandbox() {
        for (String escape : ESCAPES) {
            var response = context.stub().executeQuery(ExecuteQueryRequest.newBuilder()
                    .setUserId(USER).setDatabaseId(context.database()).setQuery(escape).build());
            that(!response.getSuccess(), "the sandbox let this run: " + escape);
            that(response.getError().matches("(?s)^[A-Z_]+: .+"),
                    "no code word in the error for " + escape + ": " + response.getError());
            that(!response.getError().contains("root:x:"), "the error leaks /etc/passwd");
            that(response.getRowsCount() == 0, "rows came back for " + escape);
        }
        equal(1L, context.query("SELECT 1", Map.of()).getRows(0).getValues(0).getIntValue(),
                "a normal query after the refused ones");
    }

    void tenantIsolation() {
        String database = context.database();
        var info = context.stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(OTHER_USER).setDatabaseId(database).build());
        failedWith("NOT_FOUND", info.getSuccess(), info.getError(), "GetDatabaseInfo by another tenant");
        var read = context.stub().executeQuery(ExecuteQueryRequest.newBuilder()
                .setUserId(OTHER_USER).setDatabaseId(database).setQuery("SELECT * FROM orders").build());
        failedWith("NOT_FOUND", read.getSuccess(), read.getError(), "ExecuteQuery by another tenant");
        var listed = context.stub().listDatabases(ListDatabasesRequest.newBuilder()
                .setUserId(OTHER_USER).setNameFilter(database).build());
        succeeded(listed.getSuccess(), listed.getError(), "ListDatabases by another tenant");
        equal(0, listed.getDatabasesCount(), "databases another tenant sees");
        if (context.withoutToken().isPresent()) {
            refusedWith(Status.Code.UNAUTHENTICATED, context.withoutToken().get(), USER, "a call without token");
        } else {
            refusedWith(Status.Code.PERMISSION_DENIED, context.stub(), "", "a call without user_id");
        }
    }

    /** With a token an empty user_id means the token's subject, so the refusal checked is the missing token. */
    private void refusedWith(Status.Code code, DuckDBServiceBlockingStub stub, String user, String what) {
        try {
            stub.executeQuery(ExecuteQueryRequest.newBuilder().setUserId(user)
                    .setDatabaseId(context.database()).setQuery("SELECT 1").build());
            throw new CheckFailed(what + " was answered");
        } catch (StatusRuntimeException e) {
            equal(code, e.getStatus().getCode(), "status of " + what);
        }
    }
}
