package io.mtapi.harness.report;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a test's outcome says, by the stable markers a message begins with (GUIDE.md's shared
 * conventions). Every test that did not pass falls into exactly one verdict; the console summary,
 * {@code target/run-summary.md} and the Allure categories are all built from this one table, so
 * they cannot disagree.
 *
 * <p>An Allure status tells the kind of outcome: failed (an {@link AssertionError}: the target
 * broke a claim), broken (any other exception: JUnit XML's "error"), skipped (aborted or disabled).
 */
public enum Verdict {
    /** A failed claim of the contract: an assertion failed and carries no other marker. */
    CONTRACT_VIOLATION("Contract violations", "failed", null),
    /** A failed check of behaviour the contract does not settle. */
    CONTRACT_GAP_FINDING("Contract-gap findings", "failed", "Contract-gap finding '"),
    /** A failure on the environment's known-issues list: reported, not gating. */
    KNOWN_ISSUE("Known issues (on the environment's list)", "skipped", "KNOWN ISSUE "),
    /** A test that could not be judged for want of a secret, credentials or a tenant. */
    NOT_JUDGED("Not judged (reason and how to enable it in the message)", "skipped", "Not judged: "),
    /** A test aborted because a flaky target lost an answer no check could settle. */
    ANSWER_LOST("No verdict: answer lost on a flaky target", "skipped", "Answer lost:"),
    /** An error that is no assertion: the target or the harness broke, not a claim. */
    TARGET_OR_HARNESS_BROKEN("Target or harness broken", "broken", null),
    /** A class not run because the target or the config was broken. */
    NOT_RUN("Target or harness broken: not run", "skipped", "Not run: "),
    /** Passed. */
    PASSED(null, "passed", null),
    /** Skipped for another reason (a contract-gap check switched off, a disabled test). */
    SKIPPED(null, "skipped", null);

    /**
     * How the failed findings of a parity run begin (their categories are {@code parity.ParityReport}'s):
     * they sit beside the contract run's results in one report, and are no contract violation.
     */
    public static final List<String> PARITY_FAILED_MARKERS = List.of("Parity regression: ", "Parity difference: ",
            "Parity latency: ");

    private final String category;
    private final String status;
    private final String marker;

    Verdict(String category, String status, String marker) {
        this.category = category;
        this.status = status;
        this.marker = marker;
    }

    /** The Allure category name; null for outcomes that are no category (passed, plain skips). */
    public String category() {
        return category;
    }

    /** The Allure status: passed, failed, broken or skipped. */
    public String status() {
        return status;
    }

    /**
     * The verdict of an outcome.
     *
     * @param status  the Allure status ({@code passed}, {@code failed}, {@code broken}, {@code skipped})
     * @param message the failure or skip message (its headline is what is read)
     */
    public static Verdict of(String status, String message) {
        String headline = Headline.of(message);
        for (Verdict verdict : values()) {
            if (verdict.status.equals(status) && verdict.marker != null && headline.startsWith(verdict.marker)) {
                return verdict;
            }
        }
        return switch (status) {
            case "passed" -> PASSED;
            case "failed" -> CONTRACT_VIOLATION;
            case "broken" -> TARGET_OR_HARNESS_BROKEN;
            default -> SKIPPED;
        };
    }

    /** The verdict of a JUnit outcome: a throwable for a failure, a reason for a skip. */
    public static Verdict ofFailure(Throwable failure) {
        return of(failure instanceof AssertionError ? "failed" : "broken", failure == null ? null : failure.getMessage());
    }

    public static Verdict ofSkip(String reason) {
        return of("skipped", reason);
    }

    /** The verdicts that are report categories, in the order a reviewer reads them. */
    public static List<Verdict> categories() {
        return Arrays.stream(values()).filter(v -> v.category != null).toList();
    }

    /**
     * Allure's {@code categories.json}: one category per verdict, mutually exclusive. A category
     * with a marker matches the headlines that begin with it; a contract violation is a failure
     * whose headline begins with no marker of a failure (parity findings included).
     */
    public static String categoriesJson() {
        String failedMarkers = java.util.stream.Stream.concat(Arrays.stream(values())
                        .filter(v -> v.marker != null && v.status.equals("failed")).map(v -> v.marker),
                        PARITY_FAILED_MARKERS.stream())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        return categories().stream().map(v -> {
            String regex = v.marker != null ? "(?s)" + Pattern.quote(v.marker) + ".*"
                    : v.status.equals("failed") ? "(?s)(?!" + failedMarkers + ").*" : null;
            return "  {\"name\": " + quote(v.category) + ", \"matchedStatuses\": [\"" + v.status + "\"]"
                    + (regex == null ? "" : ", \"messageRegex\": " + quote(regex)) + "}";
        }).collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
