package isa.duckdb.application.port.in;

import java.util.List;

/** One result per statement, in order; statements after a failure in a transaction are not run. */
public record BatchOutcome(List<StepResult> steps, String error) {

    public boolean success() {
        return error.isEmpty() && steps.stream().allMatch(StepResult::success);
    }

    /** @param error empty on success, else a code-word message */
    public record StepResult(boolean success, long affectedRows, String error) {
    }
}
