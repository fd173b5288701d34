package isa.duckdb.bench;

/**
 * The outcome of one fault scenario, printed as one line: writes acknowledged, acknowledged writes missing from
 * storage afterwards ({@code lost}), calls refused with {@code FAILED_PRECONDITION} (another instance owns the
 * database) and other failed calls (neither acknowledged), scenario-specific figures ({@code figures}: seconds of
 * failover, exit codes, …) and the verdict with its reason when it is not {@code PASS}.
 */
record ScenarioResult(String name, int acknowledged, int lost, int refused, int failed, String figures,
        Verdict verdict, String reason) {

    /** PASS: the scenario's expectation held; FAIL/TIMEOUT make the suite exit non-zero; SKIPPED: not applicable. */
    enum Verdict { PASS, FAIL, TIMEOUT, SKIPPED }

    static ScenarioResult skipped(String name, String reason) {
        return new ScenarioResult(name, 0, 0, 0, 0, "", Verdict.SKIPPED, reason);
    }

    static ScenarioResult timedOut(String name, int seconds) {
        return new ScenarioResult(name, 0, 0, 0, 0, "", Verdict.TIMEOUT, "no result within " + seconds + " s");
    }

    static ScenarioResult failed(String name, String reason) {
        return new ScenarioResult(name, 0, 0, 0, 0, "", Verdict.FAIL, reason);
    }

    /** A result judged by {@code problem}: PASS when it is empty, else FAIL naming it. */
    static ScenarioResult judged(String name, int acknowledged, int lost, int refused, int failed, String figures,
            String problem) {
        return new ScenarioResult(name, acknowledged, lost, refused, failed, figures,
                problem.isEmpty() ? Verdict.PASS : Verdict.FAIL, problem);
    }

    boolean failedSuite() {
        return verdict == Verdict.FAIL || verdict == Verdict.TIMEOUT;
    }

    String line() {
        String tail = reason.isEmpty() ? "" : " (" + reason + ")";
        return String.format("%-30s acknowledged=%-6d lost=%-5d refused=%-5d failed=%-5d %s -> %s%s",
                name, acknowledged, lost, refused, failed, figures, verdict, tail);
    }
}
