package isa.duckdb.e2e;

import static isa.duckdb.e2e.CheckContext.USER;
import static isa.duckdb.e2e.Expect.equal;
import static isa.duckdb.e2e.Expect.failedWith;
import static isa.duckdb.e2e.Expect.succeeded;
import static isa.duckdb.e2e.Expect.that;

import io.grpc.StatusRuntimeException;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.DatabaseInfo;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.GetDatabaseInfoRequest;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.ListDatabasesRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's health and the run database's lifecycle: HealthCheck, CreateDatabase (and a second
 * one refused with ALREADY_EXISTS), ListDatabases, GetDatabaseInfo by name and by id, DeleteDatabase.
 * Remembers which databases it created so {@link #cleanUp} can delete what a failed run left.
 */
final class DatabaseChecks {
    private final CheckContext context;
    private final List<String> toDelete = new ArrayList<>();

    DatabaseChecks(CheckContext context) {
        this.context = context;
    }

    void healthCheck() {
        var health = context.stub().healthCheck(HealthCheckRequest.newBuilder().setDetailed(true).build());
        succeeded(health.getSuccess(), health.getError(), "HealthCheck");
        that(health.getHealthy(), "HealthCheck says not healthy: " + health.getStatus());
    }

    void createDatabase() {
        String database = context.database();
        var created = context.stub().createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId(USER).setDatabaseName(database).putMetadata("purpose", "e2e").build());
        succeeded(created.getSuccess(), created.getError(), "CreateDatabase");
        toDelete.add(database);
        DatabaseInfo info = created.getDatabaseInfo();
        equal(database, info.getDatabaseName(), "database_name");
        that(!info.getDatabaseId().isEmpty(), "CreateDatabase returned no database_id");
        var again = context.stub().createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId(USER).setDatabaseName(database).build());
        failedWith("ALREADY_EXISTS", again.getSuccess(), again.getError(), "a second CreateDatabase");
    }

    void listDatabases() {
        String database = context.database();
        var listed = context.stub().listDatabases(ListDatabasesRequest.newBuilder()
                .setUserId(USER).setNameFilter(database).build());
        succeeded(listed.getSuccess(), listed.getError(), "ListDatabases");
        that(listed.getDatabasesList().stream().anyMatch(d -> d.getDatabaseName().equals(database)),
                "ListDatabases does not show " + database);
    }

    void getDatabaseInfo() {
        String database = context.database();
        var byName = context.stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).build());
        succeeded(byName.getSuccess(), byName.getError(), "GetDatabaseInfo by name");
        String id = byName.getDatabaseInfo().getDatabaseId();
        var byId = context.stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(USER).setDatabaseId(id).build());
        succeeded(byId.getSuccess(), byId.getError(), "GetDatabaseInfo by id");
        equal(database, byId.getDatabaseInfo().getDatabaseName(), "name found by id");
        equal("e2e", byId.getDatabaseInfo().getMetadataMap().get("purpose"), "metadata 'purpose'");
    }

    void deleteDatabase() {
        String database = context.database();
        var deleted = context.stub().deleteDatabase(DeleteDatabaseRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setDeleteFromMinio(true).build());
        succeeded(deleted.getSuccess(), deleted.getError(), "DeleteDatabase");
        toDelete.remove(database);
        var info = context.stub().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).build());
        failedWith("NOT_FOUND", info.getSuccess(), info.getError(), "GetDatabaseInfo after delete");
    }

    /** Deletes whatever this run created and did not delete yet; reports what it could not. */
    void cleanUp(PrintStream err) {
        for (String name : List.copyOf(toDelete)) {
            try {
                var deleted = context.stub().deleteDatabase(DeleteDatabaseRequest.newBuilder()
                        .setUserId(USER).setDatabaseId(name).setDeleteFromMinio(true).setForce(true).build());
                if (deleted.getSuccess()) {
                    toDelete.remove(name);
                } else {
                    err.println("cleanup: could not delete " + name + ": " + deleted.getError());
                }
            } catch (StatusRuntimeException e) {
                err.println("cleanup: could not delete " + name + ": " + e.getStatus());
            }
        }
    }
}
