package io.mtapi.harness.matrix;

import io.mtapi.harness.reference.ReferenceTarget;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix says it when unsure: what a case's runs said decides its verdict, and only a clean pass
 * made alone counts as missed. The suites' runs are scripted here, so the rules are checked in
 * milliseconds and without any timing.
 */
@Tag("selftest")
@DisplayName("Fault matrix verdicts")
class FaultMatrixVerdictTest {

    private static final SuiteRun.Outcome CAUGHT = outcome(List.of("T > t: defect"), List.of(), Optional.empty());
    private static final SuiteRun.Outcome CLEAN = outcome(List.of(), List.of(), Optional.empty());
    private static final SuiteRun.Outcome ABORTED = outcome(List.of(), List.of("T > t: Not judged: too slow"), Optional.empty());
    private static final SuiteRun.Outcome NEVER_RACED = outcome(List.of(), List.of(),
            Optional.of(new ReferenceTarget.RaceCount(4, 0)));
    private static final SuiteRun.Outcome RACED_CLEAN = outcome(List.of(), List.of(),
            Optional.of(new ReferenceTarget.RaceCount(4, 2)));

    @Test
    @DisplayName("A case caught by its first run is settled by it")
    void caughtAtOnce() {
        FaultMatrix.Row row = only(script(CAUGHT));

        assertThat(row.verdict()).isEqualTo(FaultMatrix.Verdict.CAUGHT);
        assertThat(row.runs()).isEqualTo(1);
    }

    @Test
    @DisplayName("Aborted tests leave a run unjudged: run again, and caught when a later run catches it")
    void abortedThenCaught() {
        FaultMatrix.Row row = only(script(ABORTED, CAUGHT));

        assertThat(row.verdict()).isEqualTo(FaultMatrix.Verdict.CAUGHT);
        assertThat(row.runs()).isEqualTo(2);
        assertThat(row.earlierRuns()).singleElement().asString().contains("aborted").contains("Not judged: too slow");
    }

    @Test
    @DisplayName("A race fault whose window was reached but never met is unjudged, at most three runs")
    void neverRacedIsUnjudged() {
        Scripted runs = script(NEVER_RACED, NEVER_RACED, NEVER_RACED, CAUGHT);

        FaultMatrix.Row row = only(runs);

        assertThat(row.verdict()).isEqualTo(FaultMatrix.Verdict.UNJUDGED);
        assertThat(row.runs()).isEqualTo(FaultMatrix.MAX_RUNS);
        assertThat(runs.calls.get()).as("runs made: never more than " + FaultMatrix.MAX_RUNS).isEqualTo(FaultMatrix.MAX_RUNS);
        assertThat(row.earlierRuns()).allSatisfy(note -> assertThat(note).contains("no two requests ever met"));
    }

    @Test
    @DisplayName("A run in which no test of the suite ran judges nothing")
    void noTestRunIsUnjudged() {
        SuiteRun.Outcome empty = new SuiteRun.Outcome(0, List.of(), List.of(), List.of(), Duration.ZERO, Optional.empty());

        FaultMatrix.Row row = only(script(empty, empty, empty));

        assertThat(row.verdict()).isEqualTo(FaultMatrix.Verdict.UNJUDGED);
        assertThat(row.earlierRuns()).allSatisfy(note -> assertThat(note).contains("no test of the suite ran"));
    }

    @Test
    @DisplayName("A clean pass side by side is run again alone before it counts as missed")
    void cleanPassSideBySideIsRunAgainAlone() {
        assertThat(only(script(CLEAN, CAUGHT)).verdict()).isEqualTo(FaultMatrix.Verdict.CAUGHT);

        FaultMatrix.Row missed = only(script(CLEAN, RACED_CLEAN));
        assertThat(missed.verdict()).isEqualTo(FaultMatrix.Verdict.MISSED);
        assertThat(missed.runs()).isEqualTo(2);
        assertThat(missed.earlierRuns()).singleElement().asString().contains("side by side").contains("run again alone");
    }

    @Test
    @DisplayName("Cases are run again one at a time: no rerun shares the machine with another case")
    void rerunsAreAlone() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnceInReruns = new AtomicInteger();
        Map<String, AtomicInteger> runsPerCase = new ConcurrentHashMap<>();
        Function<FaultCase, SuiteRun.Outcome> runner = fault -> {
            int run = runsPerCase.computeIfAbsent(fault.name(), k -> new AtomicInteger()).incrementAndGet();
            int now = running.incrementAndGet();
            if (run > 1) {
                mostAtOnceInReruns.accumulateAndGet(now, Math::max);
            }
            running.decrementAndGet();
            return run == 1 ? CLEAN : CAUGHT;
        };
        List<FaultCase> cases = List.of(fake("A"), fake("B"), fake("C"), fake("D"));

        FaultMatrix.Result result = new FaultMatrix(4, runner).run(cases);

        assertThat(result.caughtCount()).isEqualTo(4);
        assertThat(mostAtOnceInReruns.get()).as("cases running at once during reruns").isEqualTo(1);
        assertThat(result.retryNotes()).hasSize(4).allSatisfy(note -> assertThat(note).contains("caught after 2 runs"));
        assertThat(result.markdown()).contains("## Cases that needed more than one run").contains("- A: caught after 2 runs");
    }

    @Test
    @DisplayName("Missed and unjudged cases are named apart in the score line and the table")
    void missedAndUnjudgedAreNamedApart() {
        Map<String, Scripted> scripts = Map.of("M", script(CLEAN, CLEAN), "U", script(ABORTED, ABORTED, ABORTED));

        FaultMatrix.Result result = new FaultMatrix(2, fault -> scripts.get(fault.name()).next(fault)).run(
                List.of(fake("M"), fake("U")));

        assertThat(result.missed()).extracting(r -> r.fault().name()).containsExactly("M");
        assertThat(result.unjudged()).extracting(r -> r.fault().name()).containsExactly("U");
        assertThat(result.markdown()).contains("1 missed").contains("1 unjudged").contains("**MISSED**")
                .contains("**UNJUDGED** (run 3)");
    }

    private static FaultMatrix.Row only(Scripted runs) {
        FaultMatrix.Result result = new FaultMatrix(1, runs::next).run(List.of(fake("CASE")));
        assertThat(result.rows()).hasSize(1);
        return result.rows().get(0);
    }

    private static FaultCase fake(String name) {
        return new FaultCase(name, "users", Set.of(), "scripted");
    }

    private static Scripted script(SuiteRun.Outcome... outcomes) {
        return new Scripted(new ArrayDeque<>(List.of(outcomes)));
    }

    /** Answers each run of a case with the next scripted outcome. */
    private static final class Scripted {
        private final Deque<SuiteRun.Outcome> outcomes;
        private final AtomicInteger calls = new AtomicInteger();

        Scripted(Deque<SuiteRun.Outcome> outcomes) {
            this.outcomes = outcomes;
        }

        synchronized SuiteRun.Outcome next(FaultCase fault) {
            calls.incrementAndGet();
            return outcomes.pop();
        }
    }

    private static SuiteRun.Outcome outcome(List<String> failures, List<String> aborted,
                                            Optional<ReferenceTarget.RaceCount> races) {
        return new SuiteRun.Outcome(7, failures, aborted, List.of(), Duration.ZERO, races);
    }
}
