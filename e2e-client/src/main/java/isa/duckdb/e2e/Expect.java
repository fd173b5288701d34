package isa.duckdb.e2e;

import java.util.Objects;

/** Small assertions that end a check with a readable reason. */
final class Expect {
    private Expect() {
    }

    static void that(boolean condition, String reason) {
        if (!condition) {
            throw new CheckFailed(reason);
        }
    }

    static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new CheckFailed(what + ": expected " + expected + " but got " + actual);
        }
    }

    /** A response's success flag must be set; the server's error text is the reason otherwise. */
    static void succeeded(boolean success, String error, String call) {
        if (!success) {
            throw new CheckFailed(call + " answered success=false: " + error);
        }
    }

    /** A response must be a request-level failure whose error starts with the given code word. */
    static void failedWith(String codeWord, boolean success, String error, String call) {
        if (success) {
            throw new CheckFailed(call + " succeeded but should have failed with " + codeWord);
        }
        if (!error.startsWith(codeWord + ":")) {
            throw new CheckFailed(call + " should fail with " + codeWord + " but said: " + error);
        }
    }
}
