package isa.duckdb.cli;

import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code create NAME}: a new empty database (CreateDatabase). */
@Command(name = "create", description = "Create a database.")
final class CreateCommand extends ServiceCall {
    @Parameters(paramLabel = "NAME", description = "The database's name")
    String name;

    @Override
    int run(Connection connection) {
        CreateDatabaseResponse response = connection.blocking().createDatabase(CreateDatabaseRequest.newBuilder()
                .setUserId(cli.user()).setDatabaseName(name).build());
        check(response.getSuccess(), response.getError());
        out().println("created " + response.getDatabaseInfo().getDatabaseName() + " ("
                + response.getDatabaseInfo().getDatabaseId() + ")");
        return ExitCodes.OK;
    }
}
