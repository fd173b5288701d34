package isa.duckdb.e2e;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;

/**
 * Runs named checks one after another, prints PASS/FAIL/SKIP for each and a summary. Every RPC of
 * the wire contract must be served, so a gRPC UNIMPLEMENTED is a FAIL; SKIP is only for a check
 * whose prerequisite check did not pass.
 */
final class CheckRunner {
    enum Outcome { PASS, FAIL, SKIP }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    private final PrintStream out;
    private int passed;
    private int failed;
    private int skipped;

    CheckRunner(PrintStream out) {
        this.out = out;
    }

    Outcome run(String name, Check check) {
        try {
            check.run();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return fail(name, "server reports UNIMPLEMENTED, but the wire contract requires this RPC");
            }
            String description = e.getStatus().getDescription();
            return fail(name, "gRPC " + e.getStatus().getCode() + (description == null ? "" : ": " + description));
        } catch (CheckSkipped e) {
            return skip(name, e.getMessage());
        } catch (CheckFailed e) {
            return fail(name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(name, "interrupted");
        } catch (Exception e) {
            return fail(name, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        passed++;
        out.println("PASS " + name);
        out.flush();
        return Outcome.PASS;
    }

    private Outcome fail(String name, String reason) {
        failed++;
        out.println("FAIL " + name + ": " + reason);
        out.flush();
        return Outcome.FAIL;
    }

    private Outcome skip(String name, String reason) {
        skipped++;
        out.println("SKIP " + name + ": " + reason);
        out.flush();
        return Outcome.SKIP;
    }

    void printSummary() {
        out.println("Passed: " + passed);
        out.println("Failed: " + failed);
        out.println("Skipped: " + skipped);
        out.flush();
    }

    int exitCode() {
        return failed == 0 && passed > 0 ? 0 : 1;
    }
}
