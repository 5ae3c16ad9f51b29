package io.mtapi.harness.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares a candidate with its baseline: the verdict of every test, the steps of every test judged
 * on both sides, the latency of every documented endpoint. A pure function of the two sides'
 * recordings, so the self-tests can compare the same runs again with a part switched off.
 *
 * <pre>{@code
 * ParityResult result = Comparison.of(baseline, candidate, settings, Comparison.Parts.ALL);
 * result.regressions()   // tests that pass on the baseline and fail on the candidate
 * }</pre>
 */
public final class Comparison {

    /**
     * Which parts compare: all of them in a parity run; the self-tests switch one off to show the
     * finding they check comes from it.
     *
     * @param outcomes  verdicts per test (off: every judged test counts as passed on both sides)
     * @param exchanges steps per test (off: no behaviour difference)
     * @param latency   timings per endpoint (off: no endpoint compared)
     * @param normalise ids, counters and burst order normalised away (off: compared as sent)
     */
    public record Parts(boolean outcomes, boolean exchanges, boolean latency, boolean normalise) {
        public static final Parts ALL = new Parts(true, true, true, true);

        public Parts withoutOutcomes() {
            return new Parts(false, exchanges, latency, normalise);
        }

        public Parts withoutExchanges() {
            return new Parts(outcomes, false, latency, normalise);
        }

        public Parts withoutLatency() {
            return new Parts(outcomes, exchanges, false, normalise);
        }

        public Parts withoutNormalising() {
            return new Parts(outcomes, exchanges, latency, false);
        }
    }

    private Comparison() {
    }

    public static ParityResult of(Side baseline, Side candidate, ParitySettings settings, Parts parts) {
        Optional<String> broken = baseline.broken().map(r -> "the baseline (-D" + Baseline.PROPERTY + " or " + Baseline.VARIABLE
                        + ") could not run: " + r)
                .or(() -> candidate.broken().map(r -> "the candidate could not run: " + r));
        if (broken.isPresent()) {
            return ParityResult.broken(baseline, candidate, settings, broken.get());
        }
        Steps steps = parts.normalise() ? Steps.normalised() : Steps.raw();
        Map<String, List<Exchange>> baselineByTest = Steps.byTest(baseline.exchanges());
        Map<String, List<Exchange>> candidateByTest = Steps.byTest(candidate.exchanges());
        List<TestComparison> tests = new ArrayList<>();
        Map<String, List<Difference.Occurrence>> occurrences = new LinkedHashMap<>();
        TreeSet<String> ids = new TreeSet<>(baseline.tests().keySet());
        ids.addAll(candidate.tests().keySet());
        for (String id : ids) {
            Outcomes.Entry b = entry(baseline, id);
            Outcomes.Entry c = entry(candidate, id);
            TestVerdict vb = parts.outcomes() ? b.verdict() : judgedAsPassed(b.verdict());
            TestVerdict vc = parts.outcomes() ? c.verdict() : judgedAsPassed(c.verdict());
            TestComparison.Kind kind = TestComparison.kind(vb.outcome(), vc.outcome());
            String name = c.name().isEmpty() ? b.name() : c.name();
            String note = "";
            if (kind != TestComparison.Kind.NOT_JUDGED && parts.exchanges()) {
                List<Exchange> eb = baselineByTest.getOrDefault(id, List.of());
                List<Exchange> ec = candidateByTest.getOrDefault(id, List.of());
                note = lostAnswers(eb, "baseline").or(() -> lostAnswers(ec, "candidate")).orElse("");
                if (note.isEmpty()) {
                    StepDiff.of(name, steps.of(eb), steps.of(ec), vb.outcome().failed(), vc.outcome().failed())
                            .forEach((key, found) -> occurrences.computeIfAbsent(key, k -> new ArrayList<>()).addAll(found));
                }
            }
            tests.add(new TestComparison(id, name, kind, vb, vc, note));
        }
        List<Difference> differences = new ArrayList<>();
        occurrences.forEach((key, found) -> {
            String[] endpointAndAspect = key.split("\n", 2);
            Difference unjudged = new Difference(endpointAndAspect[0], endpointAndAspect[1], found, Optional.empty());
            differences.add(new Difference(unjudged.endpoint(), unjudged.aspect(), found,
                    settings.accepted().stream().filter(a -> a.accepts(unjudged)).findFirst()));
        });
        differences.sort(java.util.Comparator.comparing(Difference::endpoint).thenComparing(Difference::aspect));
        List<EndpointLatency> latency = parts.latency()
                ? EndpointLatency.compare(baseline.exchanges(), candidate.exchanges(), settings) : List.of();
        return new ParityResult(baseline, candidate, settings, tests, differences, latency, Optional.empty());
    }

    private static Outcomes.Entry entry(Side side, String id) {
        Outcomes.Entry entry = side.tests().get(id);
        return entry != null ? entry : new Outcomes.Entry("", TestVerdict.notJudged("not run on the " + side.role()));
    }

    private static TestVerdict judgedAsPassed(TestVerdict verdict) {
        return verdict.outcome() == TestVerdict.Outcome.NOT_JUDGED ? verdict : TestVerdict.passed();
    }

    /** A call that got no answer leaves its test's steps to chance (retried, recovered, aborted): not compared. */
    private static Optional<String> lostAnswers(List<Exchange> exchanges, String side) {
        long lost = exchanges.stream().filter(e -> !e.answered()).count();
        return lost == 0 ? Optional.empty()
                : Optional.of(lost + " call(s) got no answer on the " + side + ": steps not compared");
    }
}
