package isa.duckdb.bootstrap;

import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.ImportDataResponse;
import java.util.concurrent.CompletableFuture;
import static org.assertj.core.api.Assertions.assertThat;

/** Short ways to build the requests the tests send most. */
final class Requests {
    private Requests() {
    }

    static void createDatabase(DuckDBServiceBlockingStub stub, String user, String name) {
        var response = stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId(user).setDatabaseName(name).build());
        assertThat(response.getError()).isEmpty();
        assertThat(response.getSuccess()).isTrue();
    }

    static ExecuteStatementResponse statement(DuckDBServiceBlockingStub stub, String user, String database, String sql) {
        return stub.executeStatement(ExecuteStatementRequest.newBuilder()
                .setUserId(user).setDatabaseId(database).setStatement(sql).build());
    }

    static ExecuteStatementResponse ok(DuckDBServiceBlockingStub stub, String user, String database, String sql) {
        ExecuteStatementResponse response = statement(stub, user, database, sql);
        assertThat(response.getError()).isEmpty();
        assertThat(response.getSuccess()).isTrue();
        return response;
    }

    static ExecuteQueryRequest.Builder query(String user, String database, String sql) {
        return ExecuteQueryRequest.newBuilder().setUserId(user).setDatabaseId(database).setQuery(sql);
    }

    static ExecuteQueryResponse select(DuckDBServiceBlockingStub stub, String user, String database, String sql) {
        ExecuteQueryResponse response = stub.executeQuery(query(user, database, sql).build());
        assertThat(response.getError()).isEmpty();
        assertThat(response.getSuccess()).isTrue();
        return response;
    }

    /**
     * An ImportData response observer that completes {@code result} with the response (null when the call ends
     * without one) or with the call's failure.
     */
    static StreamObserver<ImportDataResponse> completing(CompletableFuture<ImportDataResponse> result) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ImportDataResponse value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                result.complete(null);
            }
        };
    }
}
