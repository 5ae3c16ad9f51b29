package io.mtapi.harness.parity;

import java.util.Optional;

/**
 * What one side said about one test.
 *
 * @param outcome how the test ended
 * @param message the first line of its failure, abort or skip reason; empty when it passed
 */
public record TestVerdict(Outcome outcome, String message) {

    public enum Outcome {
        PASSED,
        FAILED,
        /** Failed, and on its environment's known-issues list (aborted with {@code KNOWN ISSUE <ticket>}). */
        KNOWN_ISSUE,
        /** No verdict: skipped, not judged for want of a secret or credentials, an answer lost, not run. */
        NOT_JUDGED;

        /** A failure, known or not. */
        public boolean failed() {
            return this == FAILED || this == KNOWN_ISSUE;
        }
    }

    static final String KNOWN_ISSUE_MARKER = "KNOWN ISSUE";

    public static TestVerdict passed() {
        return new TestVerdict(Outcome.PASSED, "");
    }

    static TestVerdict failed(Throwable failure) {
        return new TestVerdict(Outcome.FAILED, firstLine(failure));
    }

    static TestVerdict aborted(Throwable reason) {
        String line = firstLine(reason).replaceFirst("^Assumption failed: ", "");
        return new TestVerdict(line.startsWith(KNOWN_ISSUE_MARKER) ? Outcome.KNOWN_ISSUE : Outcome.NOT_JUDGED, line);
    }

    static TestVerdict notJudged(String reason) {
        return new TestVerdict(Outcome.NOT_JUDGED, firstLine(reason));
    }

    private static String firstLine(Throwable t) {
        return firstLine(Optional.ofNullable(t).map(x -> x.getMessage() != null ? x.getMessage() : x.toString()).orElse(""));
    }

    static String firstLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** "passed", "failed: <message>", "not judged: <reason>". */
    public String describe() {
        String name = switch (outcome) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case KNOWN_ISSUE -> "known issue";
            case NOT_JUDGED -> "not judged";
        };
        String said = outcome == Outcome.NOT_JUDGED ? message.replaceFirst("^Not judged: ", "") : message;
        return said.isEmpty() ? name : name + ": " + said;
    }
}
