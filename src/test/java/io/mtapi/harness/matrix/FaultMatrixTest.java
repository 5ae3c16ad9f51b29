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

    @Test
    @DisplayName("Every fault in the catalogue makes the suite that owns it fail")
    void everyFaultIsCaughtByItsSuite() throws IOException {
        List<FaultCase> cases = Arrays.stream(Fault.values()).map(FaultCase::of).toList();

        FaultMatrix.Result result = new FaultMatrix(3).run(cases);

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
}
