package io.mtapi.harness.parity;

import io.mtapi.harness.report.AllureSetup;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Turns a run into a parity run when it names a baseline ({@code -Dparity.baseline=URL} or
 * {@code API_PARITY_BASELINE}): the run itself is the candidate side; when its test plan starts, the
 * same tests start against the baseline, in this JVM, at the same time (both sides meet the same load,
 * which keeps the latency comparison fair, and the run costs far less than twice). When the plan ends
 * the two are compared ({@link Comparison}) and reported ({@link ParityReport}); the console prints
 * the headline. Registered through {@code META-INF/services}; idle on any other run.
 */
public final class ParityListener implements TestExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ParityListener.class);
    private static final String SUITES_PACKAGE = "io.mtapi.harness.suites.";

    /** A parity run under way. */
    private record Run(Path outputDir, Path allureResults, ParitySettings settings, Outcomes candidate,
                       CompletableFuture<Side> baseline) {
    }

    private volatile Run run;
    private volatile ParityResult last;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Function<String, Optional<String>> properties = plan.getConfigurationParameters()::get;
        Optional<String> baseline = Baseline.of(properties);
        if (baseline.isEmpty()) {
            return;
        }
        Path outputDir = outputDir(properties);
        List<DiscoverySelector> tests = contractTests(plan);
        if (tests.isEmpty()) {
            LOG.info("Parity: no contract test selected, nothing to compare with the baseline {}", baseline.get());
            return;
        }
        try {
            Files.deleteIfExists(outputDir.resolve(ParityReport.STATUS));
            Files.deleteIfExists(ExchangeRecorder.candidateRecording(outputDir));
            Optional<String> invalid = Baseline.invalid(baseline.get());
            if (invalid.isPresent()) {
                throw new IllegalArgumentException(invalid.get());
            }
            ParitySettings settings = ParitySettings.load(properties);
            Path baselineDir = outputDir.resolve("parity").resolve("baseline");
            Outcomes candidate = new Outcomes();
            candidate.testPlanExecutionStarted(plan);
            Map<String, String> candidateParameters = new TreeMap<>();
            plan.getConfigurationParameters().keySet().forEach(key -> properties.apply(key)
                    .ifPresent(value -> candidateParameters.put(key, value)));
            CompletableFuture<Side> side = SideRun.start("baseline", tests, List.of(),
                    Baseline.parameters(candidateParameters, baseline.get(), baselineDir), baselineDir);
            run = new Run(outputDir, AllureSetup.resultsDir(properties), settings, candidate, side);
            LOG.info("Parity run: the {} selected test methods run against the candidate and, at the same time, against "
                    + "the baseline {}", tests.size(), baseline.get());
        } catch (IOException | RuntimeException e) {
            broken(outputDir, "the parity run could not start: " + e.getMessage());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        Run current = run;
        if (current != null) {
            current.candidate().executionSkipped(id, reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Run current = run;
        if (current != null) {
            current.candidate().executionFinished(id, result);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        Run current = run;
        if (current == null) {
            return;
        }
        run = null;
        try {
            Side baseline = current.baseline().join();
            Side candidate = Side.read("candidate", current.candidate().entries(), current.outputDir(),
                    ExchangeRecorder.candidateRecording(current.outputDir()));
            last = Comparison.of(baseline, candidate, current.settings(), Comparison.Parts.ALL);
            ParityReport report = new ParityReport(last);
            report.write(current.outputDir(), Optional.of(current.allureResults()));
            LOG.info("{}", report.consoleText(current.outputDir()));
        } catch (RuntimeException e) { // the baseline side's run, or reading a side, failed: the harness's fault
            LOG.error("Parity comparison failed", e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            broken(current.outputDir(), "the parity comparison failed: " + (e.getCause() != null ? e.getCause() : e));
        }
    }

    /** What the last parity run of this listener found (for the self-tests). */
    ParityResult lastResult() {
        return last;
    }

    /** Each selected contract test or test template, by unique id: the baseline runs exactly these. */
    private static List<DiscoverySelector> contractTests(TestPlan plan) {
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .filter(id -> id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .filter(m -> m.getClassName().startsWith(SUITES_PACKAGE)).isPresent())
                .filter(id -> plan.getParent(id).flatMap(TestIdentifier::getSource).filter(ClassSource.class::isInstance).isPresent())
                .map(id -> (DiscoverySelector) DiscoverySelectors.selectUniqueId(id.getUniqueId()))
                .toList();
    }

    private static void broken(Path outputDir, String reason) {
        LOG.error("Parity: not compared, {}", reason);
        ParityReport.writeBroken(outputDir, reason);
    }

    /** Where the run's files go, as the target session decides: {@code harness.outputDir}, else the project's target/. */
    static Path outputDir(Function<String, Optional<String>> properties) {
        return properties.apply("harness.outputDir").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("harness.projectDir", "."), "target"));
    }
}
