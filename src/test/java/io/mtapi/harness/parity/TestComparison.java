package io.mtapi.harness.parity;

/**
 * One test's verdicts on both sides, and what they make of it.
 *
 * @param name      the test's name ("UserManagementTest: ...")
 * @param kind      regression, fixed, both fail, both pass, or not judged (on either side)
 * @param baseline  the baseline's verdict
 * @param candidate the candidate's verdict
 * @param note      why its steps were not compared, if they were not
 */
public record TestComparison(String id, String name, Kind kind, TestVerdict baseline, TestVerdict candidate, String note) {

    public enum Kind {
        /** Passes on the baseline, fails on the candidate. */
        REGRESSION,
        /** Fails on the baseline, passes on the candidate. */
        FIXED,
        BOTH_FAIL,
        BOTH_PASS,
        /** Not judged on one side or both (skipped, no secret, an answer lost, not run): kept apart. */
        NOT_JUDGED
    }

    static Kind kind(TestVerdict.Outcome baseline, TestVerdict.Outcome candidate) {
        if (baseline == TestVerdict.Outcome.NOT_JUDGED || candidate == TestVerdict.Outcome.NOT_JUDGED) {
            return Kind.NOT_JUDGED;
        }
        if (baseline.failed()) {
            return candidate.failed() ? Kind.BOTH_FAIL : Kind.FIXED;
        }
        return candidate.failed() ? Kind.REGRESSION : Kind.BOTH_PASS;
    }

    /** A regression on a test the candidate's environment lists as a known issue: reported, not gating. */
    public boolean knownOnCandidate() {
        return candidate.outcome() == TestVerdict.Outcome.KNOWN_ISSUE;
    }
}
