package io.mtapi.harness.matrix;

import io.mtapi.harness.reference.Freedom;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The freedom matrix, beside the fault matrix: every contract suite against a fresh reference target
 * that takes one freedom (a choice the contract leaves open), and once taking all of them. A row is
 * allowed when no test failed and none broke, except the contract-gap findings its freedoms declare
 * they provoke ({@link Freedom#provokes()}); any other failure is a test that cried wolf.
 *
 * <p>Rows run a few at a time in this JVM. Each row runs on threads that inherit nothing from the
 * calling test (no Allure context), so the nested suites' thousands of requests are not attached to
 * the self-test's own report.
 */
public final class FreedomMatrix {

    /** Where each row's run summary goes, one folder per row. */
    static final Path OUTPUT = Path.of(System.getProperty("harness.projectDir", "."), "target", "freedom-runs");
    static final String ALL = "ALL";

    /** One row: a freedom alone, or all of them ({@link #ALL}), and what the whole contract suite said. */
    public record Row(String name, Set<Freedom> freedoms, SuiteRun.Outcome outcome) {

        /** The gaps keys this row's freedoms provoke on purpose. */
        public Set<String> declared() {
            return freedoms.stream().flatMap(f -> f.provokes().stream()).collect(Collectors.toCollection(TreeSet::new));
        }

        /** Failures the row's freedoms declare: labelled contract-gap findings of a declared key. */
        public List<SuiteRun.Failure> provoked() {
            return outcome.failureDetails().stream().filter(f -> !f.error() && declared().contains(f.gapKey())).toList();
        }

        /** Every other failure or error: a test that failed a deployment for a choice the contract allows. */
        public List<SuiteRun.Failure> wolves() {
            return outcome.failureDetails().stream().filter(f -> f.error() || !declared().contains(f.gapKey())).toList();
        }

        /** Declared gaps no test provoked: the catalogue says more than the suites do. */
        public Set<String> declaredButNotProvoked() {
            Set<String> missing = new TreeSet<>(declared());
            provoked().forEach(f -> missing.remove(f.gapKey()));
            return missing;
        }

        public boolean allowed() {
            return outcome.testsRun() > 0 && wolves().isEmpty();
        }

        String tag() {
            return freedoms.size() == 1 ? freedoms.iterator().next().tag() : "every tag";
        }

        String choice() {
            return freedoms.size() == 1 ? freedoms.iterator().next().description()
                    : "all " + freedoms.size() + " freedoms at once (where two choose the same thing, the code's first check wins)";
        }
    }

    /** All rows, single freedoms in catalogue order, then {@link #ALL}. */
    public record Result(List<Row> rows, Duration elapsed) {

        public List<Row> failing() {
            return rows.stream().filter(row -> !row.allowed()).toList();
        }

        /** "allowed/total" over the single freedoms; the all-at-once row is reported beside it. */
        public String score() {
            List<Row> singles = rows.stream().filter(row -> !row.name().equals(ALL)).toList();
            long allowed = singles.stream().filter(Row::allowed).count();
            return allowed + "/" + singles.size();
        }

        /** The matrix as Markdown: one row per freedom, what it provoked as declared, and the tests that cried wolf. */
        public String markdown() {
            StringBuilder md = new StringBuilder("# Freedom matrix\n\n")
                    .append("Score: **").append(score()).append("** freedoms allowed; all at once: **")
                    .append(rows.stream().filter(r -> r.name().equals(ALL)).findFirst()
                            .map(r -> r.allowed() ? "allowed" : "CRIED WOLF").orElse("not run"))
                    .append("**; every contract suite per row, in ").append(elapsed.toSeconds()).append(" s.\n\n")
                    .append("A row is allowed when no test failed or broke, apart from the contract-gap findings its ")
                    .append("freedom declares it provokes.\n\n")
                    .append("| Freedom | Tag | Choice the contract allows | Result | Tests run | Not judged | ")
                    .append("Provoked as declared | Cried wolf |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (Row row : rows) {
                md.append("| ").append(row.name())
                        .append(" | ").append(row.tag())
                        .append(" | ").append(cell(row.choice()))
                        .append(" | ").append(row.allowed() ? "allowed" : "**CRIED WOLF**")
                        .append(" | ").append(row.outcome().testsRun())
                        .append(" | ").append(row.outcome().aborted().size())
                        .append(" | ").append(provoked(row))
                        .append(" | ").append(wolves(row))
                        .append(" |\n");
            }
            return md.toString();
        }

        private static String provoked(Row row) {
            if (row.declared().isEmpty()) {
                return "";
            }
            Map<String, Long> byKey = row.provoked().stream()
                    .collect(Collectors.groupingBy(SuiteRun.Failure::gapKey, java.util.TreeMap::new, Collectors.counting()));
            String listed = byKey.entrySet().stream().map(e -> "gaps." + e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining("<br>"));
            Set<String> missing = row.declaredButNotProvoked();
            return listed + (missing.isEmpty() ? "" : (listed.isEmpty() ? "" : "<br>") + "declared, not provoked: "
                    + missing.stream().map(k -> "gaps." + k).collect(Collectors.joining(", ")));
        }

        private static String wolves(Row row) {
            return row.wolves().stream()
                    .map(f -> cell(f.name() + ": " + (f.error() ? "ERROR " : "") + shortened(f.headline())))
                    .collect(Collectors.joining("<br>"));
        }

        private static String shortened(String line) {
            return line.length() > 200 ? line.substring(0, 200) + "..." : line;
        }

        private static String cell(String text) {
            return text.replace("|", "\\|").replace("\n", " ");
        }
    }

    private final int parallelism;

    public FreedomMatrix(int parallelism) {
        this.parallelism = parallelism;
    }

    /** A row per freedom given, in that order, and one with all of them together. */
    public Result run(List<Freedom> freedoms) {
        List<Set<Freedom>> cases = new ArrayList<>();
        freedoms.forEach(f -> cases.add(EnumSet.of(f)));
        cases.add(EnumSet.copyOf(freedoms));
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, withoutInheritedContext());
        try {
            List<CompletableFuture<Row>> rows = cases.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> row(c), pool)).toList();
            return new Result(rows.stream().map(CompletableFuture::join).toList(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Row row(Set<Freedom> freedoms) {
        String name = freedoms.size() == 1 ? freedoms.iterator().next().name() : ALL;
        SuiteRun.Outcome outcome = SuiteRun.run(null, Map.of(
                "reference.freedoms", freedoms.stream().map(Enum::name).collect(Collectors.joining(",")),
                "harness.outputDir", OUTPUT.resolve(name).toString()));
        return new Row(name, Set.copyOf(freedoms), outcome);
    }

    /** Threads that inherit no thread-locals (Allure's test context among them) from the thread that creates them. */
    private static ThreadFactory withoutInheritedContext() {
        AtomicInteger count = new AtomicInteger();
        return task -> new Thread(null, task, "freedom-matrix-" + count.incrementAndGet(), 0, false);
    }
}
