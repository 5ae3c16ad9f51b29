package io.mtapi.harness.parity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a parity run found: every test's verdicts on both sides, every behaviour difference, every
 * documented endpoint's latency, and what of it fails the gate. The first line of
 * {@code target/parity.md} is {@link #headline()}.
 *
 * @param broken why the comparison could not be made (a side could not run), if so
 */
public record ParityResult(Side baseline, Side candidate, ParitySettings settings, List<TestComparison> tests,
                           List<Difference> differences, List<EndpointLatency> latency, Optional<String> broken) {

    public ParityResult {
        tests = List.copyOf(tests);
        differences = List.copyOf(differences);
        latency = List.copyOf(latency);
    }

    static ParityResult broken(Side baseline, Side candidate, ParitySettings settings, String reason) {
        return new ParityResult(baseline, candidate, settings, List.of(), List.of(), List.of(), Optional.of(reason));
    }

    public List<TestComparison> of(TestComparison.Kind kind) {
        return tests.stream().filter(t -> t.kind() == kind).toList();
    }

    public List<TestComparison> regressions() {
        return of(TestComparison.Kind.REGRESSION);
    }

    public List<TestComparison> fixed() {
        return of(TestComparison.Kind.FIXED);
    }

    /** Tests judged on both sides. */
    public long compared() {
        return tests.stream().filter(t -> t.kind() != TestComparison.Kind.NOT_JUDGED).count();
    }

    public List<Difference> unacceptedDifferences() {
        return differences.stream().filter(d -> !d.accepted()).toList();
    }

    public List<EndpointLatency> slowerEndpoints() {
        return latency.stream().filter(l -> l.verdict() == EndpointLatency.Verdict.SLOWER).toList();
    }

    /** The largest ratio that counts (1.00 when none does): see {@link EndpointLatency#countedRatio()}. */
    public double slowestRatio() {
        return latency.stream().mapToDouble(EndpointLatency::countedRatio).max().orElse(1.0);
    }

    /** Accepted differences of the environment that this run did not meet: remove them from the list? */
    public List<AcceptedDifference> unusedAcceptances() {
        return settings.accepted().stream()
                .filter(a -> differences.stream().noneMatch(d -> d.acceptedBy().filter(a::equals).isPresent()))
                .toList();
    }

    /** Candidate failures the baseline cannot vouch for: it did not judge that test. */
    public List<TestComparison> candidateFailuresNotCompared() {
        return of(TestComparison.Kind.NOT_JUDGED).stream()
                .filter(t -> t.candidate().outcome() == TestVerdict.Outcome.FAILED).toList();
    }

    /**
     * What makes the candidate worse than its baseline, one line each: regressions (but not known
     * issues of the candidate's environment), candidate failures the baseline did not judge,
     * differences not accepted, slower endpoints. Empty: the gate passes.
     */
    public List<String> gateFailures() {
        java.util.ArrayList<String> reasons = new java.util.ArrayList<>();
        regressions().stream().filter(t -> !t.knownOnCandidate()).forEach(t -> reasons.add("regression: " + t.name()));
        candidateFailuresNotCompared().forEach(t -> reasons.add("failed on the candidate, not judged on the baseline: "
                + t.name()));
        unacceptedDifferences().forEach(d -> reasons.add("behaviour difference: " + d.endpoint() + " " + d.aspect()));
        slowerEndpoints().forEach(l -> reasons.add("slower endpoint: " + l.endpoint() + String.format(Locale.ROOT,
                " (ratio %.2f)", l.ratio())));
        return reasons;
    }

    /** {@code Parity: N tests compared, R regressions, F fixed, D behaviour differences, slowest endpoint ratio X} */
    public String headline() {
        if (broken.isPresent()) {
            return "Parity: not compared, " + broken.get();
        }
        return String.format(Locale.ROOT, "Parity: %d tests compared, %d regressions, %d fixed, %d behaviour differences, "
                + "slowest endpoint ratio %.2f", compared(), regressions().size(), fixed().size(), differences.size(),
                slowestRatio());
    }
}
