package io.mtapi.harness.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The detection matrix: for every fault case, a fresh reference target with that fault
 * on and only the owning suite run against it. A case is caught when at least one test
 * of that suite failed. On a flaky target, a suite that passed while some of its tests
 * were aborted for lost answers has not shown the fault missed, only unjudged: such a
 * case is run again, up to {@value #MAX_RUNS} runs. Cases run a few at a time: each is
 * I/O-bound on its own target.
 */
public final class FaultMatrix {

    static final int MAX_RUNS = 3;

    /** One row: the case, what its suite said (its last run), and how many runs that took. */
    public record Row(FaultCase fault, SuiteRun.Outcome outcome, int runs) {
        public boolean caught() {
            return !outcome.failures().isEmpty();
        }
    }

    /** All rows, in case order. */
    public record Result(List<Row> rows, Duration elapsed) {

        public List<Row> missed() {
            return rows.stream().filter(r -> !r.caught()).toList();
        }

        public long caughtCount() {
            return rows.stream().filter(Row::caught).count();
        }

        /** "caught/total (percent)" */
        public String score() {
            return caughtCount() + "/" + rows.size() + " ("
                    + (rows.isEmpty() ? 0 : Math.round(100.0 * caughtCount() / rows.size())) + "%)";
        }

        /** The matrix as Markdown: fault, tag, defect, caught or missed, and by which tests. */
        public String markdown() {
            StringBuilder md = new StringBuilder("# Fault detection matrix\n\n")
                    .append("Score: **").append(score()).append("** faults caught, in ")
                    .append(elapsed.toSeconds()).append(" s.\n\n")
                    .append("| Fault | Tag | Defect simulated | Result | Tests run | Caught by |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (Row row : rows) {
                String caughtBy = row.outcome().failures().stream().limit(5)
                        .map(f -> f.replace("|", "\\|").replace("\n", " "))
                        .collect(Collectors.joining("<br>"));
                int more = row.outcome().failures().size() - 5;
                md.append("| ").append(row.fault().name())
                        .append(" | ").append(row.fault().tag())
                        .append(" | ").append(row.fault().description().replace("|", "\\|"))
                        .append(" | ").append(row.caught() ? "caught" : "**MISSED**")
                        .append(row.runs() > 1 ? " (run " + row.runs() + ": earlier runs lost answers)" : "")
                        .append(" | ").append(row.outcome().testsRun())
                        .append(" | ").append(caughtBy).append(more > 0 ? "<br>... and " + more + " more" : "")
                        .append(" |\n");
            }
            return md.toString();
        }
    }

    /** Each case's run summary lands in its own folder, so concurrent cases do not overwrite each other's. */
    static final Path OUTPUT = Path.of(System.getProperty("harness.projectDir", "."), "target", "fault-runs");

    private final int parallelism;

    public FaultMatrix(int parallelism) {
        this.parallelism = parallelism;
    }

    private static Row row(FaultCase fault) {
        SuiteRun.Outcome outcome = runOnce(fault);
        int runs = 1;
        while (outcome.failures().isEmpty() && !outcome.lostAnswers().isEmpty() && runs < MAX_RUNS) {
            outcome = runOnce(fault);
            runs++;
        }
        return new Row(fault, outcome, runs);
    }

    private static SuiteRun.Outcome runOnce(FaultCase fault) {
        return SuiteRun.run(fault.tag(), Map.of("reference.faults", String.join(",", fault.faults()),
                "harness.outputDir", OUTPUT.resolve(fault.name()).toString()));
    }

    public Result run(List<FaultCase> cases) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (FaultCase fault : cases) {
                futures.add(pool.submit(() -> row(fault)));
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> future : futures) {
                rows.add(future.get());
            }
            return new Result(rows, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fault matrix interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fault case could not be run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
