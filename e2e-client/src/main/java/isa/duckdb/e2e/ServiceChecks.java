package isa.duckdb.e2e;

import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The end-to-end checks, by name and in the seed's order (export before import, because import reads
 * the file export writes), plus streaming, batches, the sandbox and tenant isolation. The names are
 * the ones the README's table lists; each check lives in the group of its RPCs.
 */
final class ServiceChecks {
    private final CheckContext context;
    private final DatabaseChecks databases;
    private final TableChecks tables;
    private final QueryChecks queries;
    private final StorageChecks storage;
    private final IsolationChecks isolation;

    /** @param runId a short unique id; the run's database is {@code e2e_<runId>} */
    /** @param withoutToken the stub without the caller's token, when the run has one (to check it is required) */
    ServiceChecks(DuckDBServiceBlockingStub service, Optional<DuckDBServiceBlockingStub> withoutToken, String runId) {
        this.context = new CheckContext(service, withoutToken, runId);
        this.databases = new DatabaseChecks(context);
        this.tables = new TableChecks(context);
        this.queries = new QueryChecks(context);
        this.storage = new StorageChecks(context);
        this.isolation = new IsolationChecks(context);
    }

    /** The user the checks call as. */
    String user() {
        return CheckContext.USER;
    }

    /** The name of the database this run creates and deletes. */
    String database() {
        return context.database();
    }

    /** Runs every check once, in order; a failed check does not stop the ones after it. */
    void runAll(CheckRunner runner) {
        runner.run("Health Check", databases::healthCheck);
        runner.run("Create Database", databases::createDatabase);
        runner.run("List Databases", databases::listDatabases);
        runner.run("Get Database Info", databases::getDatabaseInfo);
        runner.run("Create Table", tables::createTable);
        runner.run("Execute Statement (INSERT)", queries::insert);
        runner.run("Execute Query (SELECT)", queries::select);
        runner.run("List Tables", tables::listTables);
        runner.run("Get Table Schema", tables::getTableSchema);
        runner.run("Export Data to MinIO", storage::exportToMinio);
        runner.run("Import Data from MinIO", storage::importFromMinio);
        runner.run("Execute Query Stream", queries::stream);
        runner.run("Execute Batch", queries::batch);
        runner.run("Sandbox", isolation::sandbox);
        runner.run("Tenant Isolation", isolation::tenantIsolation);
        runner.run("Delete Database", databases::deleteDatabase);
    }

    /** Deletes whatever this run created and did not delete yet; reports on {@code err} what it could not. */
    void cleanUp(PrintStream err) {
        databases.cleanUp(err);
    }
}
