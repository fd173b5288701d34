package isa.duckdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import isa.duckdb.e2e.CheckRunner.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final CheckRunner runner = new CheckRunner(new PrintStream(printed, true, StandardCharsets.UTF_8));

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCheckThatReturnsPasses() {
        assertThat(runner.run("Health Check", () -> { })).isEqualTo(Outcome.PASS);
        runner.printSummary();

        assertThat(output()).isEqualTo(String.join(System.lineSeparator(),
                "PASS Health Check", "Passed: 1", "Failed: 0", "Skipped: 0", ""));
        assertThat(runner.exitCode()).isZero();
    }

    @Test
    void unimplementedIsAFailureBecauseEveryRpcOfTheContractMustBeServed() {
        runner.run("Health Check", () -> { });
        Outcome outcome = runner.run("List Tables", () -> {
            throw Status.UNIMPLEMENTED.withDescription("Method not found").asRuntimeException();
        });

        assertThat(outcome).isEqualTo(Outcome.FAIL);
        assertThat(output()).contains("FAIL List Tables: server reports UNIMPLEMENTED");
        assertThat(runner.exitCode()).isEqualTo(1);
    }

    @Test
    void otherStatusesFailWithTheirCodeAndDescription() {
        runner.run("Health Check", () -> { });
        Outcome outcome = runner.run("Execute Query", () -> {
            throw Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
        });

        assertThat(outcome).isEqualTo(Outcome.FAIL);
        assertThat(output()).contains("FAIL Execute Query: gRPC UNAVAILABLE: io exception");
        assertThat(runner.exitCode()).isEqualTo(1);
    }

    @Test
    void aWrongAnswerFailsWithItsReasonAndTheRunGoesOn() {
        runner.run("Create Database", () -> {
            throw new CheckFailed("CreateDatabase answered success=false: INVALID_ARGUMENT: bad name");
        });
        runner.run("Import Data from MinIO", () -> {
            throw new CheckSkipped("needs the exported file");
        });
        runner.run("Delete Database", () -> { });
        runner.printSummary();

        assertThat(output()).contains(
                "FAIL Create Database: CreateDatabase answered success=false: INVALID_ARGUMENT: bad name",
                "SKIP Import Data from MinIO: needs the exported file",
                "PASS Delete Database",
                "Passed: 1", "Failed: 1", "Skipped: 1");
        assertThat(runner.exitCode()).isEqualTo(1);
    }

    @Test
    void unexpectedExceptionsFailWithTheirType() {
        runner.run("Execute Query (SELECT)", () -> {
            throw new IndexOutOfBoundsException();
        });

        assertThat(output()).contains("FAIL Execute Query (SELECT): IndexOutOfBoundsException");
    }

    @Test
    void aRunWhereNothingPassedIsNotASuccess() {
        runner.run("List Tables", () -> {
            throw Status.UNIMPLEMENTED.asRuntimeException();
        });

        assertThat(runner.exitCode()).isEqualTo(1);
    }
}
