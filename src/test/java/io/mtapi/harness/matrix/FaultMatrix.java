package io.mtapi.harness.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The detection matrix: for every fault case, a fresh reference target with that fault on and only
 * the owning suite run against it. A case is <em>caught</em> when at least one test of that suite
 * failed.
 *
 * <p>A run that caught nothing is not yet a miss. It is <em>unjudged</em> when no test ran, when some of
 * its tests were aborted (not judged, or an answer lost on a flaky target), or when the fault's race window was
 * reached but no two requests ever met in it (the suite never raced, see the reference's
 * {@code RaceWindow}). Only a <em>clean pass</em> counts as missed, and only one made alone: cases
 * run a few at a time first (each is I/O-bound on its own target), and every case that did not catch
 * its fault there is run again alone, one after another, at most {@value #MAX_RUNS} runs in all, so
 * that sharing the two cores with other cases can never hide a detection. The matrix says which
 * cases needed more than one run, and why.
 */
public final class FaultMatrix {

    static final int MAX_RUNS = 3;

    /** What the matrix concluded about a case. */
    public enum Verdict {
        /** A test of the owning suite failed. */
        CAUGHT,
        /** The owning suite passed cleanly, run alone: nothing aborted, and it raced where the fault is a race. */
        MISSED,
        /** Every run either aborted tests or never raced: the suite could not judge the fault. */
        UNJUDGED
    }

    /**
     * One row: the case, the verdict, what its suite said in its last run, and why earlier runs did not
     * settle it (empty when one run did).
     */
    public record Row(FaultCase fault, Verdict verdict, SuiteRun.Outcome outcome, List<String> earlierRuns) {
        public boolean caught() {
            return verdict == Verdict.CAUGHT;
        }

        public int runs() {
            return earlierRuns.size() + 1;
        }
    }

    /** All rows, in case order. */
    public record Result(List<Row> rows, Duration elapsed) {

        public List<Row> missed() {
            return rows.stream().filter(r -> r.verdict() == Verdict.MISSED).toList();
        }

        public List<Row> unjudged() {
            return rows.stream().filter(r -> r.verdict() == Verdict.UNJUDGED).toList();
        }

        /** Cases that took more than one run to settle, caught or not. */
        public List<Row> retried() {
            return rows.stream().filter(r -> r.runs() > 1).toList();
        }

        public long caughtCount() {
            return rows.stream().filter(Row::caught).count();
        }

        /** "caught/total (percent)" */
        public String score() {
            return caughtCount() + "/" + rows.size() + " ("
                    + (rows.isEmpty() ? 0 : Math.round(100.0 * caughtCount() / rows.size())) + "%)";
        }

        /** One line per case that needed more than one run: its name, verdict and what each earlier run said. */
        public List<String> retryNotes() {
            return retried().stream().map(r -> r.fault().name() + ": " + r.verdict().name().toLowerCase()
                    + " after " + r.runs() + " runs (" + String.join("; ", r.earlierRuns()) + ")").toList();
        }

        /** The matrix as Markdown: fault, tag, defect, verdict, and by which tests. */
        public String markdown() {
            StringBuilder md = new StringBuilder("# Fault detection matrix\n\n")
                    .append("Score: **").append(score()).append("** faults caught, in ")
                    .append(elapsed.toSeconds()).append(" s")
                    .append(missed().isEmpty() ? "" : "; " + missed().size() + " missed")
                    .append(unjudged().isEmpty() ? "" : "; " + unjudged().size() + " unjudged")
                    .append(".\n\n")
                    .append("| Fault | Tag | Defect simulated | Result | Tests run | Caught by |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (Row row : rows) {
                List<String> evidence = row.caught() ? row.outcome().failures() : row.outcome().aborted();
                String shown = evidence.stream().limit(5)
                        .map(f -> f.replace("|", "\\|").replace("\n", " "))
                        .collect(Collectors.joining("<br>"));
                int more = evidence.size() - 5;
                md.append("| ").append(row.fault().name())
                        .append(" | ").append(row.fault().tag())
                        .append(" | ").append(row.fault().description().replace("|", "\\|"))
                        .append(" | ").append(switch (row.verdict()) {
                            case CAUGHT -> "caught";
                            case MISSED -> "**MISSED**";
                            case UNJUDGED -> "**UNJUDGED**";
                        })
                        .append(row.runs() > 1 ? " (run " + row.runs() + ")" : "")
                        .append(" | ").append(row.outcome().testsRun())
                        .append(" | ").append(row.caught() ? "" : evidence.isEmpty() ? "" : "not judged: ")
                        .append(shown).append(more > 0 ? "<br>... and " + more + " more" : "")
                        .append(" |\n");
            }
            List<String> notes = retryNotes();
            md.append("\n## Cases that needed more than one run\n\n");
            if (notes.isEmpty()) {
                md.append("None: every case was settled by its first run.\n");
            }
            notes.forEach(note -> md.append("- ").append(note.replace("|", "\\|")).append('\n'));
            return md.toString();
        }
    }

    /** Each case's run summary lands in its own folder, so concurrent cases do not overwrite each other's. */
    static final Path OUTPUT = Path.of(System.getProperty("harness.projectDir", "."), "target", "fault-runs");

    private final int parallelism;
    private final Function<FaultCase, SuiteRun.Outcome> runner;

    /** @param parallelism how many cases run side by side in the first round */
    public FaultMatrix(int parallelism) {
        this(parallelism, FaultMatrix::runOnce);
    }

    /** @param runner runs a case's suite once against a fresh target with its faults on (self-tests fake it) */
    FaultMatrix(int parallelism, Function<FaultCase, SuiteRun.Outcome> runner) {
        this.parallelism = parallelism;
        this.runner = runner;
    }

    /** Runs every case, a few side by side, then what did not catch its fault again, alone. */
    public Result run(List<FaultCase> cases) {
        long start = System.nanoTime();
        List<SuiteRun.Outcome> first = sideBySide(cases);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            rows.add(settle(cases.get(i), first.get(i)));
        }
        return new Result(rows, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<SuiteRun.Outcome> sideBySide(List<FaultCase> cases) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<SuiteRun.Outcome>> futures = new ArrayList<>();
            for (FaultCase fault : cases) {
                futures.add(pool.submit(() -> runner.apply(fault)));
            }
            List<SuiteRun.Outcome> outcomes = new ArrayList<>();
            for (Future<SuiteRun.Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fault matrix interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fault case could not be run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A case the first run did not catch is run again alone, until a run catches it, passes cleanly
     * (missed), or {@value #MAX_RUNS} runs have left it unjudged.
     */
    private Row settle(FaultCase fault, SuiteRun.Outcome firstOutcome) {
        SuiteRun.Outcome outcome = firstOutcome;
        List<String> earlier = new ArrayList<>();
        boolean alone = false;
        while (true) {
            if (!outcome.failures().isEmpty()) {
                return new Row(fault, Verdict.CAUGHT, outcome, earlier);
            }
            Optional<String> unjudged = whyUnjudged(outcome);
            if (unjudged.isEmpty() && alone) {
                return new Row(fault, Verdict.MISSED, outcome, earlier);
            }
            if (earlier.size() + 1 >= MAX_RUNS) {
                return new Row(fault, unjudged.isPresent() ? Verdict.UNJUDGED : Verdict.MISSED, outcome, earlier);
            }
            earlier.add("run " + (earlier.size() + 1) + (alone ? " alone" : " side by side") + ": "
                    + unjudged.orElse("passed cleanly; run again alone"));
            outcome = runner.apply(fault);
            alone = true;
        }
    }

    /** Why a run that caught nothing settles nothing, if it does not: aborted tests, or no race. */
    private static Optional<String> whyUnjudged(SuiteRun.Outcome outcome) {
        if (outcome.testsRun() == 0) {
            return Optional.of("no test of the suite ran");
        }
        if (!outcome.aborted().isEmpty()) {
            return Optional.of(outcome.aborted().size() + " test(s) aborted, first: " + outcome.aborted().get(0));
        }
        if (outcome.neverRaced()) {
            return Optional.of("the fault's race window was reached " + outcome.races().orElseThrow().opened()
                    + " time(s) but no two requests ever met in it");
        }
        return Optional.empty();
    }

    private static SuiteRun.Outcome runOnce(FaultCase fault) {
        return SuiteRun.run(fault.tag(), Map.of("reference.faults", String.join(",", fault.faults()),
                "harness.outputDir", OUTPUT.resolve(fault.name()).toString()));
    }
}
