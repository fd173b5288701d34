package isa.duckdb.cli;

import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DeleteDatabaseResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drop NAME}: deletes a database (DeleteDatabase); its last state is kept as a backup unless purged. */
@Command(name = "drop", description = "Delete a database (its last state is kept under backups/ unless --purge).")
final class DropCommand extends ServiceCall {
    @Parameters(paramLabel = "NAME", description = "The database's name or id")
    String name;

    @Option(names = "--purge", description = "Remove the file for good instead of keeping a backup")
    boolean purge;

    @Option(names = "--force", description = "Cancel calls running on it instead of refusing")
    boolean force;

    @Override
    int run(Connection connection) {
        DeleteDatabaseResponse response = connection.blocking().deleteDatabase(DeleteDatabaseRequest.newBuilder()
                .setUserId(cli.user()).setDatabaseId(name).setDeleteFromMinio(purge).setForce(force).build());
        check(response.getSuccess(), response.getError());
        out().println(response.getMessage().isEmpty() ? "dropped " + name : response.getMessage());
        return ExitCodes.OK;
    }
}
