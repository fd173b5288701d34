package isa.duckdb.cli;

import io.grpc.StatusRuntimeException;
import java.io.File;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code duckdb-cli}: the service's command-line client (README, "Command-line client"). The global options
 * may come before or after the command and default to environment variables; failures print the service's
 * message on standard error and exit with the code of their kind ({@link ExitCodes}).
 */
@Command(name = "duckdb-cli", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Command-line client of the DuckDB analytics service (isa.duckdb.DuckDBService).",
        subcommands = {DatabasesCommand.class, CreateCommand.class, DropCommand.class, TablesCommand.class,
            QueryCommand.class, ImportCommand.class, ExportCommand.class, QueriesCommand.class, CancelCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 already exists, 5 refused (invalid "
                + "argument, failed precondition), 6 denied, 7 unavailable or deadline exceeded, 8 resource "
                + "exhausted, 9 cancelled or aborted, 10 local file error."})
public final class DuckDbCli implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            defaultValue = "${env:DUCKDB_CLI_ENDPOINT:-localhost:50052}",
            description = "The service. Env DUCKDB_CLI_ENDPOINT. Default: ${DEFAULT-VALUE}")
    String endpoint;

    @Option(names = {"-u", "--user"}, paramLabel = "USER_ID", scope = ScopeType.INHERIT,
            defaultValue = "${env:DUCKDB_CLI_USER}",
            description = "Your user id (tenant) on the service. Env DUCKDB_CLI_USER")
    String user;

    @Option(names = {"-d", "--database"}, paramLabel = "NAME", scope = ScopeType.INHERIT,
            defaultValue = "${env:DUCKDB_CLI_DATABASE}",
            description = "The database to work in (tables, query, import, export). Env DUCKDB_CLI_DATABASE")
    String database;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            defaultValue = "${env:DUCKDB_CLI_TOKEN}",
            description = "Sent as 'authorization: Bearer TOKEN' (prefer the variable: flags show in ps). "
                    + "Env DUCKDB_CLI_TOKEN")
    String token;

    @Option(names = "--tls-ca", paramLabel = "PEM_FILE", scope = ScopeType.INHERIT,
            defaultValue = "${env:DUCKDB_CLI_TLS_CA}",
            description = "Use TLS, trusting this CA certificate (PEM). Env DUCKDB_CLI_TLS_CA. Default: plaintext")
    File tlsCa;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage on standard error, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The CLI writing results to {@code out} and messages to {@code err}; {@code execute} returns the exit code. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new DuckDbCli());
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            CliFailure failure = e instanceof CliFailure f ? f
                    : e instanceof StatusRuntimeException s ? CliFailure.fromStatus(s)
                    : new CliFailure("UNKNOWN", "unexpected error: " + e);
            cl.getErr().println(failure.getMessage());
            cl.getErr().flush();
            cl.getOut().flush();
            return ExitCodes.of(failure.code());
        });
        return commandLine;
    }

    Connection connect() {
        return new Connection(endpoint, token, tlsCa);
    }

    /** The user id; USAGE failure when none was given. */
    String user() {
        if (user == null || user.isBlank()) {
            throw new CliFailure("USAGE", "--user (or DUCKDB_CLI_USER) is required");
        }
        return user;
    }

    /** The database; USAGE failure naming the command when none was given. */
    String database(String command) {
        if (database == null || database.isBlank()) {
            throw new CliFailure("USAGE", "--database (or DUCKDB_CLI_DATABASE) is required for '" + command + "'");
        }
        return database;
    }
}
