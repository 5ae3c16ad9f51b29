package io.mtapi.harness.matrix;

import io.mtapi.harness.reference.ReferenceTarget;
import io.mtapi.harness.report.Headline;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs contract suites in this JVM through the JUnit Platform Launcher, each run against
 * its own embedded reference target (chosen by configuration parameters, so several runs
 * can go at once), and reports which tests failed.
 */
final class SuiteRun {

    static final String SUITES_PACKAGE = "io.mtapi.harness.suites";
    /** How the harness's abort for a lost answer begins (http.Retries). */
    private static final String LOST_ANSWER = "Answer lost:";

    private SuiteRun() {
    }

    /**
     * The outcome of one run: tests that ran, "Class > test: message" of each failure, the same of each
     * test aborted (no verdict either way: not judged, an answer lost on a flaky target), the names of
     * the tests aborted for a lost answer, and the embedded target's race windows (none when the run
     * wrote no count); of the failures, the errors (thrown by something other than an assertion, as
     * Surefire counts them), and the tests skipped (aborted or disabled), each "Class > test: message".
     */
    record Outcome(int testsRun, List<String> failures, List<String> aborted, List<String> lostAnswers,
                   Duration elapsed, Optional<ReferenceTarget.RaceCount> races, List<String> errors,
                   List<String> skipped, List<Failure> failureDetails) {

        /** Without error and skip lists: a run whose only aborts are the ones given. */
        Outcome(int testsRun, List<String> failures, List<String> aborted, List<String> lostAnswers, Duration elapsed,
                Optional<ReferenceTarget.RaceCount> races) {
            this(testsRun, failures, aborted, lostAnswers, elapsed, races, List.of(), aborted, List.of());
        }

        /** "tests / failures / errors / skipped", as the issue and Surefire count them. */
        String counts() {
            return testsRun + " tests / " + failures.size() + " failures / " + errors.size() + " errors / "
                    + skipped.size() + " skipped";
        }

        /** A fault's race window was reached but no two requests ever met in it: the suite never raced. */
        boolean neverRaced() {
            return races.filter(r -> r.opened() > 0 && r.met() == 0).isPresent();
        }
    }

    /**
     * One failed test of a run: {@code testId} "Class#method" (simple class name), its name as the
     * report shows it, and its headline (the stable first line the report groups by).
     */
    record Failure(String testId, String name, String headline) {
    }

    /**
     * Runs the suite of {@code tag} (null: every suite) against whatever target {@code parameters} name
     * (e.g. env and api.baseUrl).
     */
    static Outcome runAgainst(String tag, Map<String, String> parameters) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(SUITES_PACKAGE))
                .filters(TagFilter.excludeTags("selftest", "probe"))
                .configurationParameters(parameters);
        if (tag != null) {
            request.filters(TagFilter.includeTags(tag));
        }
        return execute(request.build(), parameters);
    }

    /** The contract test classes with a test or lifecycle method that takes a parameter of this type (a fixture). */
    static List<String> classesTaking(Class<?> fixture) {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(SUITES_PACKAGE))
                .filters(TagFilter.excludeTags("selftest", "probe")).build());
        java.util.Set<String> classes = new java.util.TreeSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (id.getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.ClassSource source
                        && java.util.Arrays.stream(source.getJavaClass().getDeclaredMethods())
                        .anyMatch(m -> java.util.Arrays.asList(m.getParameterTypes()).contains(fixture))) {
                    classes.add(source.getClassName());
                }
            }
        }
        return List.copyOf(classes);
    }

    /** Runs the given test classes against whatever target {@code parameters} name. */
    static Outcome runClassesAgainst(List<String> classNames, Map<String, String> parameters) {
        return execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(classNames.stream().map(DiscoverySelectors::selectClass).toList())
                .filters(TagFilter.excludeTags("selftest", "probe"))
                .configurationParameters(parameters).build(), parameters);
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
        return execute(request.build(), parameters);
    }

    private static Outcome execute(LauncherDiscoveryRequest request, Map<String, String> parameters) {
        // No auto-registered listeners: the nested run must not report itself as the outer run.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        Collector collector = new Collector();
        long start = System.nanoTime();
        // On a thread that inherits nothing: the nested run's threads would otherwise inherit the outer
        // self-test's Allure context and pile every step of the nested run into that one test.
        Thread run = new Thread(null, () -> launcher.execute(request, collector), "suite-run", 0, false);
        run.start();
        try {
            run.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a nested suite run was going", e);
        }
        Optional<ReferenceTarget.RaceCount> races = Optional.ofNullable(parameters.get("harness.outputDir"))
                .flatMap(dir -> ReferenceTarget.RaceCount.readFrom(Path.of(dir)));
        return new Outcome(collector.tests.get(), List.copyOf(collector.failures), List.copyOf(collector.aborted),
                List.copyOf(collector.lostAnswers), Duration.ofNanos(System.nanoTime() - start), races,
                List.copyOf(collector.errors), List.copyOf(collector.skipped), List.copyOf(collector.details));
    }

    private static final class Collector implements TestExecutionListener {
        private final AtomicInteger tests = new AtomicInteger();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final List<String> aborted = new CopyOnWriteArrayList<>();
        private final List<String> lostAnswers = new CopyOnWriteArrayList<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final List<String> skipped = new CopyOnWriteArrayList<>();
        private final List<Failure> details = new CopyOnWriteArrayList<>();
        private volatile TestPlan plan;

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            skipped.add(name(id) + ": " + reason);
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                tests.incrementAndGet();
            }
            String message = result.getThrowable().map(Throwable::getMessage).orElse("");
            if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                aborted.add(name(id) + ": " + firstLine(message));
                skipped.add(name(id) + ": " + firstLine(message));
                if (message != null && message.startsWith(LOST_ANSWER)) {
                    lostAnswers.add(name(id));
                }
            }
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failures.add(name(id) + ": " + firstLine(message));
                String testId = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .map(m -> m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "#" + m.getMethodName())
                        .orElse(id.getDisplayName());
                details.add(new Failure(testId, name(id), Headline.of(message)));
                if (result.getThrowable().filter(t -> !(t instanceof AssertionError)).isPresent()) {
                    errors.add(name(id) + ": " + result.getThrowable().get());
                }
            }
        }

        /** The headline (first non-blank line, AssertJ's description unwrapped), cut at 240 characters. */
        private static String firstLine(String message) {
            String first = Headline.of(message);
            return first.length() > 240 ? first.substring(0, 240) + "..." : first;
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
