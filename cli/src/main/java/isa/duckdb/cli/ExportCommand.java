package isa.duckdb.cli;

import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.ExportToMinIOResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export "SQL" --to bucket/key}: writes a query's result to object storage (ExportToMinIO). */
@Command(name = "export", description = "Write a query's result to object storage (the bucket in your namespace).")
final class ExportCommand extends ServiceCall {
    @Parameters(paramLabel = "SQL", description = "One query")
    String sql;

    @Option(names = "--to", required = true, paramLabel = "BUCKET/KEY", description = "Where to, e.g. exports/orders.csv")
    String target;

    @Option(names = "--format", paramLabel = "csv|parquet|json", defaultValue = "csv",
            description = "File format. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--overwrite", description = "Replace an existing object")
    boolean overwrite;

    @Override
    int run(Connection connection) {
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1) {
            throw new CliFailure("USAGE", "--to must be BUCKET/KEY, got '" + target + "'");
        }
        ExportToMinIOResponse response = connection.blocking().exportToMinIO(ExportToMinIORequest.newBuilder()
                .setUserId(cli.user()).setDatabaseId(cli.database("export")).setQuery(sql)
                .setBucketName(target.substring(0, slash)).setObjectKey(target.substring(slash + 1))
                .setFormat(format).setOverwrite(overwrite).build());
        check(response.getSuccess(), response.getError());
        out().println("exported " + response.getRowsExported() + " rows (" + response.getFileSize() + " bytes) to "
                + target);
        return ExitCodes.OK;
    }
}
