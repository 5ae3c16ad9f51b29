package io.mtapi.harness.matrix;

import io.mtapi.harness.reference.Fault;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness proves its own sensitivity: the fault-free reference passes every suite,
 * and every fault in the catalogue makes the suite that owns it fail. Writes
 * {@code target/fault-matrix.md} and attaches it to the report.
 */
@Tag("selftest")
@Isolated("runs whole suites against reference targets; must not compete with other self-tests for the 2 cores")
@DisplayName("Fault detection matrix")
class FaultMatrixTest {

    private static final Logger LOG = LoggerFactory.getLogger(FaultMatrixTest.class);
    private static final Path REPORT = Path.of(System.getProperty("harness.projectDir", "."), "target", "fault-matrix.md");

    private static final List<String> SUITE_TAGS = List.of("auth", "users", "tenant_isolation", "files", "pagination",
            "rate_limit", "rbac", "security", "concurrency", "robustness");

    private static String names(List<FaultMatrix.Row> rows) {
        return rows.stream().map(r -> r.fault().name() + " (" + r.fault().tag() + ")").collect(Collectors.joining(", "));
    }

    @Test
    @DisplayName("The catalogue has at least 30 faults and at least 3 for every suite tag, each with a one-line defect")
    void catalogueCoversEverySuite() {
        Map<String, Long> perTag = Arrays.stream(Fault.values())
                .collect(Collectors.groupingBy(Fault::tag, Collectors.counting()));

        assertThat(Fault.values()).as("faults in the catalogue").hasSizeGreaterThanOrEqualTo(30);
        for (String tag : SUITE_TAGS) {
            assertThat(perTag.getOrDefault(tag, 0L)).as("faults owned by suite %s", tag).isGreaterThanOrEqualTo(3);
        }
        assertThat(perTag.keySet()).as("tags that own faults").isSubsetOf(SUITE_TAGS);
        assertThat(Fault.values()).allSatisfy(fault -> assertThat(fault.description())
                .as("description of %s", fault).isNotBlank().doesNotContain("\n"));
    }

    @Test
    @DisplayName("The fault-free reference target passes every contract suite")
    void faultFreeReferencePassesEverySuite() {
        SuiteRun.Outcome outcome = SuiteRun.run(null, Map.of("reference.faults", "",
                "harness.outputDir", FaultMatrix.OUTPUT.resolve("fault-free").toString()));

        assertThat(outcome.testsRun()).as("contract tests run against the fault-free reference").isPositive();
        assertThat(outcome.failures()).as("failures against the fault-free reference (false alarms)").isEmpty();
    }

    /** Suite tests whose failures still head with a library's wording, owned by issue 13 (one "Class#method" a line). */
    private static final String PENDING = "/selftest/wording-pending.txt";

    private static FaultMatrix.Result matrix;

    /** The whole matrix, run once for the tests of this class that read it. */
    private static synchronized FaultMatrix.Result matrix() {
        if (matrix == null) {
            matrix = new FaultMatrix(3).run(Arrays.stream(Fault.values()).map(FaultCase::of).toList());
        }
        return matrix;
    }

    @Test
    @DisplayName("Every fault in the catalogue makes the suite that owns it fail")
    void everyFaultIsCaughtByItsSuite() throws IOException {
        FaultMatrix.Result result = matrix();

        String markdown = result.markdown();
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, markdown);
        Allure.addAttachment("Fault detection matrix", "text/markdown", markdown, ".md");
        LOG.info("Fault matrix: {} caught in {} s; written to {}", result.score(), result.elapsed().toSeconds(), REPORT);
        result.retryNotes().forEach(note -> LOG.info("Fault matrix, needed more than one run: {}", note));
        assertThat(result.missed())
                .as("faults no test of their suite caught (their suite passed cleanly, run alone): %s", names(result.missed()))
                .isEmpty();
        assertThat(result.unjudged())
                .as("faults their suite could not judge in %d runs (tests aborted, or the race never happened): %s",
                        FaultMatrix.MAX_RUNS, names(result.unjudged()))
                .isEmpty();
    }

    /**
     * A reviewer reads a failure's first line: it must be the contract's claim, never AssertJ's,
     * Jackson's or JUnit's own wording ("Expecting actual: ...", "Numeric value ... out of range").
     * Scans every failure of the whole matrix. Suite tests still on the pending list (their
     * assertions are being reworded under issue 13) are reported, not failed; any other offender
     * fails, and so would one in checks/, api/ or fixtures/, which the list never holds.
     */
    @Test
    @DisplayName("No failure of the fault matrix heads with AssertJ's, Jackson's or JUnit's own wording")
    void noFailureHeadsWithLibraryWording() throws IOException {
        Set<String> pending = io.mtapi.harness.report.PendingList.read(PENDING);
        Map<String, String> offenders = new TreeMap<>();
        for (FaultMatrix.Row row : matrix().rows()) {
            for (SuiteRun.Failure failure : row.outcome().failureDetails()) {
                FailureWording.library(failure.headline()).ifPresent(library -> offenders.merge(failure.testId(),
                        library + " wording under " + row.fault().name() + ": " + failure.headline(), (a, b) -> a));
            }
        }
        Map<String, String> fresh = new TreeMap<>(offenders);
        fresh.keySet().removeAll(pending);
        Set<String> stale = new TreeSet<>(pending);
        stale.removeAll(offenders.keySet());
        String report = "Failures heading with a library's wording: " + offenders.size() + " tests, " + (offenders.size()
                - fresh.size()) + " on the pending list (issue 13)\n" + offenders.entrySet().stream()
                .map(e -> (pending.contains(e.getKey()) ? "  pending " : "  NEW     ") + e.getKey() + "  " + e.getValue())
                .collect(Collectors.joining("\n")) + (stale.isEmpty() ? "" : "\nNo longer offending, remove from "
                + PENDING + ": " + stale);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT.resolveSibling("failure-wording.txt"), report + "\n");
        Allure.addAttachment("Failure wording", "text/plain", report, ".txt");
        LOG.info("{}", report);
        assertThat(fresh).as("tests whose failure heads with a library's wording (not on the pending list): %s",
                String.join("; ", fresh.values())).isEmpty();
    }
}
