package isa.duckdb.e2e;

import static isa.duckdb.e2e.Expect.succeeded;

import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.Value;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What every group of checks shares in one run: the blocking stub, the tenants, the run's database
 * name and table, and the query/statement calls that must succeed for a check to go on.
 */
final class CheckContext {
    static final String USER = "e2e_test_user";
    static final String OTHER_USER = "e2e_other_user";
    /** The table 'Create Table' makes; the SQL texts of later checks name it literally. */
    static final String TABLE = "orders";
    /** Deadline of one unary call, in seconds. */
    private static final long CALL_SECONDS = 60;

    private final DuckDBServiceBlockingStub service;
    private final Optional<DuckDBServiceBlockingStub> withoutToken;
    private final String database;

    /**
     * @param withoutToken the stub without the run's token, when the run has one
     * @param runId a short unique id; the run's database is {@code e2e_<runId>}
     */
    CheckContext(DuckDBServiceBlockingStub service, Optional<DuckDBServiceBlockingStub> withoutToken, String runId) {
        this.service = service;
        this.withoutToken = withoutToken;
        this.database = "e2e_" + runId;
    }

    /** When the run calls with a token: the stub without it (and the unary deadline). */
    Optional<DuckDBServiceBlockingStub> withoutToken() {
        return withoutToken.map(s -> s.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS));
    }

    /** The name of the database this run creates and deletes. */
    String database() {
        return database;
    }

    /** The stub with the deadline of one unary call (60 s) from now. */
    DuckDBServiceBlockingStub stub() {
        return stub(CALL_SECONDS);
    }

    /** The stub with a deadline of {@code seconds} from now, for calls longer than a unary one. */
    DuckDBServiceBlockingStub stub(long seconds) {
        return service.withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    /**
     * Runs ExecuteStatement as {@link #USER} on the run's database.
     *
     * @throws CheckFailed when the response says success=false
     */
    ExecuteStatementResponse statement(String sql, Map<String, Value> parameters) {
        var response = stub().executeStatement(ExecuteStatementRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setStatement(sql).putAllParameters(parameters).build());
        succeeded(response.getSuccess(), response.getError(), "ExecuteStatement");
        return response;
    }

    /**
     * Runs ExecuteQuery as {@link #USER} on the run's database.
     *
     * @throws CheckFailed when the response says success=false
     */
    ExecuteQueryResponse query(String sql, Map<String, Value> parameters) {
        var response = stub().executeQuery(ExecuteQueryRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setQuery(sql).putAllParameters(parameters).build());
        succeeded(response.getSuccess(), response.getError(), "ExecuteQuery");
        return response;
    }
}
