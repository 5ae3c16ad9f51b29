package io.mtapi.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report command works end to end: a small run writes Allure results, the Allure
 * commandline (the version {@code ./mvnw allure:report} uses) builds the HTML report, and
 * the report's data lists that run's test cases with the statuses JUnit gave them.
 */
@Tag("selftest")
@Isolated("replaces the JVM-wide Allure lifecycle while the small run writes its results")
@DisplayName("Allure report generation")
class ReportGenerationTest {

    private static final Path PROJECT = Path.of(System.getProperty("harness.projectDir", "."));

    @Test
    void reportListsTheRunsTestCasesWithTheirStatuses(@TempDir Path dir) throws IOException, InterruptedException {
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        Map<String, Set<String>> junitStatuses = runSmokeSuiteInto(results, dir.resolve("out"));

        Path report = dir.resolve("report");
        Process generate = new ProcessBuilder(allureCommand().toString(), "generate", results.toString(), "-o",
                report.toString(), "--clean").redirectErrorStream(true).start();
        String output = new String(generate.getInputStream().readAllBytes());
        assertThat(generate.waitFor(120, TimeUnit.SECONDS)).as("allure generate finished").isTrue();
        assertThat(generate.exitValue()).as("allure generate exit code; output: %s", output).isZero();

        Map<String, Set<String>> reportStatuses = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> cases = Files.list(report.resolve("data").resolve("test-cases"))) {
            for (Path file : cases.toList()) {
                JsonNode testCase = json.readTree(file.toFile());
                reportStatuses.computeIfAbsent(testCase.path("fullName").asText(), k -> new TreeSet<>())
                        .add(testCase.path("status").asText());
            }
        }
        assertThat(junitStatuses).as("tests of the small run").isNotEmpty();
        junitStatuses.forEach((test, statuses) -> assertThat(reportStatuses)
                .as("report entries of test method %s", test).containsEntry(test, new TreeSet<>(statuses)));
        assertThat(report.resolve("index.html")).exists();
    }

    /**
     * Runs the smoke suite with Allure writing into {@code results}; returns, per test method
     * ("Class.method", as Allure's fullName), the Allure statuses its invocations should have.
     */
    private static Map<String, Set<String>> runSmokeSuiteInto(Path results, Path outputDir) {
        AllureLifecycle previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
        Map<String, Set<String>> statuses = new ConcurrentHashMap<>();
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectPackage("io.mtapi.harness.suites"))
                    .filters(TagFilter.includeTags("smoke"), TagFilter.excludeTags("selftest"))
                    .configurationParameter("env", "embedded")
                    .configurationParameter("api.baseUrl", "")
                    .configurationParameter("harness.outputDir", outputDir.toString())
                    .build(), new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource method) {
                                statuses.computeIfAbsent(method.getClassName() + "." + method.getMethodName(),
                                        k -> ConcurrentHashMap.newKeySet()).add(switch (result.getStatus()) {
                                            case SUCCESSFUL -> "passed";
                                            case FAILED -> result.getThrowable().orElse(null) instanceof AssertionError
                                                    ? "failed" : "broken";
                                            case ABORTED -> "skipped";
                                        });
                            }
                        }
                    });
        } finally {
            Allure.setLifecycle(previous);
        }
        return statuses;
    }

    private static Path allureCommand() throws IOException {
        try (Stream<Path> dirs = Files.list(PROJECT.resolve("target").resolve("allure-commandline"))) {
            return dirs.map(d -> d.resolve("bin").resolve("allure")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Allure commandline not unpacked under target/allure-commandline: "
                            + "run the self-tests with -Pselftest, which unpacks it"));
        }
    }
}
