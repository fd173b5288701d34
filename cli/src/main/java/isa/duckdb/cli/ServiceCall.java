package isa.duckdb.cli;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that talks to the service over one connection; gRPC statuses become {@link CliFailure}s. */
abstract class ServiceCall implements Callable<Integer> {
    @ParentCommand
    DuckDbCli cli;
    @Spec
    CommandSpec spec;

    /** Runs the command; returns the exit code (normally {@link ExitCodes#OK}). */
    abstract int run(Connection connection);

    @Override
    public final Integer call() {
        try (Connection connection = cli.connect()) {
            return run(connection);
        } catch (StatusRuntimeException e) {
            throw CliFailure.fromStatus(e);
        } finally {
            out().flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Throws the answer's error unless it says success. */
    static void check(boolean success, String error) {
        if (!success) {
            throw CliFailure.fromError(error);
        }
    }
}
