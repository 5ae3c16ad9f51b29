package io.mtapi.harness.matrix;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs contract suites in this JVM through the JUnit Platform Launcher, each run against
 * its own embedded reference target (chosen by configuration parameters, so several runs
 * can go at once), and reports which tests failed.
 */
final class SuiteRun {

    static final String SUITES_PACKAGE = "io.mtapi.harness.suites";
    /** How the harness's abort for a lost answer begins (http.Retries). */
    private static final String LOST_ANSWER = "Answer lost:";
    /** How a failed contract-gap check begins (fixtures.HarnessExtension), with its gaps key in quotes. */
    private static final Pattern GAP_FINDING = Pattern.compile("^Contract-gap finding '([^']+)'");

    private SuiteRun() {
    }

    /**
     * The outcome of one run: tests that ran, "Class > test: message" of each failure, the tests
     * aborted because an answer was lost on a flaky target (no verdict either way), each failed test
     * told apart (assertion or error, contract-gap key), and how many tests were aborted in all.
     */
    record Outcome(int testsRun, List<String> failures, List<String> lostAnswers, Duration elapsed,
                   List<Failure> failed, int aborted) {
    }

    /**
     * One failed test.
     *
     * @param test      "Class > test"
     * @param firstLine the first line of its message
     * @param error     not an assertion: the test broke (an exception) rather than judged the target
     * @param gapKey    the {@code gaps} key of a contract-gap finding, null for a contract violation
     */
    record Failure(String test, String firstLine, boolean error, String gapKey) {
    }

    /** Runs the suite of {@code tag} against whatever target {@code parameters} name (e.g. env and api.baseUrl). */
    static Outcome runAgainst(String tag, Map<String, String> parameters) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(SUITES_PACKAGE))
                .filters(TagFilter.excludeTags("selftest", "probe"), TagFilter.includeTags(tag))
                .configurationParameters(parameters);
        return execute(request.build());
    }

    /**
     * @param tag        the suite to run; null runs every suite
     * @param parameters extra configuration parameters, e.g. {@code reference.faults}
     */
    static Outcome run(String tag, Map<String, String> parameters) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(SUITES_PACKAGE))
                .filters(TagFilter.excludeTags("selftest", "probe"))
                // Always the embedded target, whatever -Denv / -Dapi.baseUrl this JVM got.
                .configurationParameter("env", "embedded")
                .configurationParameter("api.baseUrl", "")
                .configurationParameters(parameters);
        if (tag != null) {
            request.filters(TagFilter.includeTags(tag));
        }
        return execute(request.build());
    }

    private static Outcome execute(LauncherDiscoveryRequest request) {
        // No auto-registered listeners: the nested run must not report itself as the outer run.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        Collector collector = new Collector();
        long start = System.nanoTime();
        launcher.execute(request, collector);
        return new Outcome(collector.tests.get(), List.copyOf(collector.failures), List.copyOf(collector.lostAnswers),
                Duration.ofNanos(System.nanoTime() - start), List.copyOf(collector.failed), collector.aborted.get());
    }

    private static final class Collector implements TestExecutionListener {
        private final AtomicInteger tests = new AtomicInteger();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final List<String> lostAnswers = new CopyOnWriteArrayList<>();
        private final List<Failure> failed = new CopyOnWriteArrayList<>();
        private final AtomicInteger aborted = new AtomicInteger();
        private volatile TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                tests.incrementAndGet();
            }
            if (result.getStatus() == TestExecutionResult.Status.ABORTED && result.getThrowable()
                    .map(Throwable::getMessage).filter(m -> m != null && m.startsWith(LOST_ANSWER)).isPresent()) {
                lostAnswers.add(name(id));
            }
            if (id.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
                aborted.incrementAndGet();
            }
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                String message = result.getThrowable().map(Throwable::getMessage).orElse("");
                String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
                failures.add(name(id) + ": " + (firstLine.length() > 240 ? firstLine.substring(0, 240) + "..." : firstLine));
                Matcher gap = GAP_FINDING.matcher(firstLine);
                failed.add(new Failure(name(id), firstLine,
                        !(result.getThrowable().orElse(null) instanceof AssertionError), gap.find() ? gap.group(1) : null));
            }
        }

        private String name(TestIdentifier id) {
            Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(id);
            String parentName = parent.filter(p -> !p.getUniqueIdObject().getSegments().isEmpty()
                            && p.getUniqueIdObject().getLastSegment().getType().equals("class"))
                    .map(TestIdentifier::getDisplayName).orElse(null);
            if (parentName == null && parent.isPresent() && plan.getParent(parent.get()).isPresent()) {
                parentName = plan.getParent(parent.get()).get().getDisplayName();
            }
            return (parentName == null ? "" : parentName + " > ") + id.getDisplayName();
        }
    }
}
