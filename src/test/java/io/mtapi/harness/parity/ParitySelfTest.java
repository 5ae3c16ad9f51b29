package io.mtapi.harness.parity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity runs of the embedded reference against itself and against a reference that differs in one
 * thing: a fault, a deployment setting that changes a header. Every side runs the smoke suites: the
 * reference against a second reference through the real entry ({@link ParityListener}), then two
 * candidates at once ({@link SideRun}), each compared with the first run's baseline side. Each finding
 * is then shown to vanish with the part of the comparison that makes it switched off. Slowness has a
 * class of its own, {@link ParitySlownessTest}.
 */
@Tag("selftest")
@Isolated("two sessions at once against embedded targets: the latency comparison must not share the cores with other self-tests")
@DisplayName("Parity runs")
class ParitySelfTest {

    /** Caught by the smoke suite's cross-tenant read. */
    private static final String FAULT = "ISOLATION_USER_GET_NO_TENANT_FILTER";

    private static ParityResult referenceAgainstReference;
    private static Side baseline;
    private static Side faulty;
    private static Side otherBudget;
    private static ParitySettings settings;

    @BeforeAll
    static void runTheSides() {
        // The real entry, two sides as in any parity run: the noise it meets is a parity run's own.
        referenceAgainstReference = referenceAgainstReference();
        baseline = referenceAgainstReference.baseline();
        CompletableFuture<Side> withFault = SmokeSides.start("fault", "candidate", Map.of("reference.faults", FAULT),
                SmokeSides.suites());
        // A deployment setting the contract allows: X-RateLimit-Limit says 20 instead of 10, nothing else changes.
        CompletableFuture<Side> withOtherBudget = SmokeSides.start("budget", "candidate",
                Map.of("api.rateLimit.budget", "20"), SmokeSides.suites());
        faulty = withFault.join();
        otherBudget = withOtherBudget.join();
        settings = SmokeSides.settings();
        SmokeSides.report("fault", Comparison.of(baseline, faulty, settings, Comparison.Parts.ALL));
        SmokeSides.report("budget", Comparison.of(baseline, otherBudget, settings, Comparison.Parts.ALL));
    }

    @Test
    @DisplayName("The reference against a second reference: every test compared, 0 regressions, 0 fixed, 0 differences, no slower endpoint; without normalising, the same runs differ")
    void referenceAgainstASecondReferenceDiffersInNothing() throws IOException {
        ParityResult result = referenceAgainstReference;

        assertThat(result.broken()).as("why the parity run could not compare").isEmpty();
        assertThat(result.compared()).as("tests judged on both sides").isPositive().isEqualTo(result.tests().size());
        assertThat(result.regressions()).as("regressions of a reference against itself").isEmpty();
        assertThat(result.fixed()).as("fixed tests of a reference against itself").isEmpty();
        assertThat(result.differences()).as("behaviour differences of a reference against itself").isEmpty();
        assertThat(result.slowerEndpoints()).as("endpoints slower on an identical reference (timing noise)").isEmpty();
        assertThat(result.gateFailures()).as("gate failures").isEmpty();
        assertThat(stepsPerTest(result.candidate())).as("steps recorded per test: every test body's calls were attributed")
                .hasSize(result.tests().size()).allSatisfy((test, steps) -> assertThat(steps).as(test).isPositive());
        Path out = SmokeSides.OUT.resolve("reference");
        assertThat(Files.readAllLines(out.resolve(ParityReport.MARKDOWN)).get(0)).as("first line of parity.md")
                .isEqualTo(result.headline())
                .matches("Parity: \\d+ tests compared, 0 regressions, 0 fixed, 0 behaviour differences, slowest endpoint ratio 1\\.[0-4]\\d");
        assertThat(Files.readString(out.resolve(ParityReport.STATUS))).contains("worse=0\n", "broken=false\n");

        ParityResult raw = Comparison.of(result.baseline(), result.candidate(), result.settings(),
                Comparison.Parts.ALL.withoutNormalising());
        assertThat(raw.differences()).as("differences of the same two runs compared as sent (ids in paths, rate-limit counters)")
                .isNotEmpty();
    }

    @Test
    @DisplayName("A reference with a fault: exactly the tests that catch it are regressions, and the gate fails; without comparing outcomes, none is")
    void faultShowsAsTheRegressionsOfTheTestsThatCatchIt() {
        ParityResult result = Comparison.of(baseline, faulty, settings, Comparison.Parts.ALL);

        Set<String> failedOnCandidate = faulty.tests().values().stream().filter(e -> e.verdict().outcome().failed())
                .map(Outcomes.Entry::name).collect(Collectors.toSet());
        assertThat(failedOnCandidate).as("smoke tests that catch " + FAULT).isNotEmpty();
        assertThat(names(result.regressions())).as("regressions against a reference with " + FAULT)
                .containsExactlyInAnyOrderElementsOf(failedOnCandidate)
                .anyMatch(name -> name.startsWith("CrossTenantUserAccessTest: Tenant B cannot read tenant A's user"));
        assertThat(result.fixed()).as("fixed").isEmpty();
        assertThat(result.differences()).as("differences").anyMatch(d -> d.endpoint().equals("GET /api/v1/users/{user_id}")
                && d.aspect().equals("status") && d.changes().contains("404 -> 200"));
        assertThat(result.gateFailures()).as("gate failures").anyMatch(f -> f.startsWith("regression: CrossTenantUserAccessTest"));

        ParityResult outcomesOff = Comparison.of(baseline, faulty, settings, Comparison.Parts.ALL.withoutOutcomes());
        assertThat(outcomesOff.regressions()).as("regressions with outcomes not compared").isEmpty();
    }

    @Test
    @DisplayName("A reference whose setting changes a header: outcome parity holds and exactly that header shows, accepted by config; without comparing exchanges, nothing does")
    void headerChangeShowsAsExactlyThatDifference() {
        ParityResult result = Comparison.of(baseline, otherBudget, settings, Comparison.Parts.ALL);

        assertThat(result.compared()).as("tests judged on both sides").isEqualTo(result.tests().size());
        assertThat(result.regressions()).as("regressions").isEmpty();
        assertThat(result.fixed()).as("fixed").isEmpty();
        assertThat(result.differences()).as("differences against a reference with a rate-limit budget of 20").isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.aspect()).as("aspect of %s", d.endpoint()).isEqualTo("X-RateLimit-Limit");
                    assertThat(d.changes()).as("change of %s", d.endpoint()).containsExactly("10 -> 20");
                });
        assertThat(result.unacceptedDifferences()).as("differences that fail the gate").isEqualTo(result.differences());
        ParitySettings accepting = new ParitySettings(settings.maxLatencyRatio(), settings.minDifference(), settings.minSamples(),
                List.of(new AcceptedDifference(AcceptedDifference.EVERY_ENDPOINT, "X-RateLimit-Limit", Optional.of("20"),
                        "the candidate's budget is 20 per window")));
        // Latency is the first test's subject and ParitySlownessTest's; here only behaviour counts.
        assertThat(Comparison.of(baseline, otherBudget, accepting, Comparison.Parts.ALL.withoutLatency()).gateFailures())
                .as("gate failures with the difference accepted").isEmpty();

        ParityResult exchangesOff = Comparison.of(baseline, otherBudget, settings, Comparison.Parts.ALL.withoutExchanges());
        assertThat(exchangesOff.differences()).as("differences with exchanges not compared").isEmpty();
    }

    /** The real entry: a run of the smoke suites with -Dparity.baseline=embedded, the listener doing the rest. */
    private static ParityResult referenceAgainstReference() {
        Map<String, String> parameters = new HashMap<>(SmokeSides.embedded());
        parameters.put(Baseline.PROPERTY, Baseline.EMBEDDED);
        parameters.put("harness.outputDir", SmokeSides.OUT.resolve("reference").toString());
        ParityListener listener = new ParityListener();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().selectors(SmokeSides.suites())
                .configurationParameters(parameters);
        SmokeSides.filters().forEach(request::filters);
        launcher.execute(request.build(), listener);
        return listener.lastResult();
    }

    private static Map<String, Integer> stepsPerTest(Side side) {
        Map<String, Integer> steps = new HashMap<>();
        side.tests().forEach((id, entry) -> steps.put(entry.name(),
                Steps.byTest(side.exchanges()).getOrDefault(id, List.of()).size()));
        return steps;
    }

    private static List<String> names(List<TestComparison> tests) {
        return tests.stream().map(TestComparison::name).toList();
    }
}
