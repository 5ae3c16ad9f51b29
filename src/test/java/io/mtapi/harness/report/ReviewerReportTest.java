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
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report read as a reviewer reads it, built from a run with {@value #MIN_FAULTS}+ faults of the
 * catalogue on, by the Allure commandline {@code ./mvnw allure:report} uses (the self-test profile
 * unpacks it), and checked from its own data:
 * <ul>
 *   <li>the categories are mutually exclusive, every failed or broken test is in one, and each
 *       category's tests and groups equal the run summary's verdict and claim counts;</li>
 *   <li>Allure's statuses, the JUnit outcomes (what JUnit XML counts) and the summary agree;</li>
 *   <li>every HTTP call of the run is a step {@code METHOD /path -> status (N ms)} holding its
 *       request and response, under a phase (Set-up, Probe, Check, Clean-up), none loose;</li>
 *   <li>each failure's first line is the same in a second run of the same faults.</li>
 * </ul>
 * Cost: two runs of a dozen small classes (the second without Allure) and one {@code allure generate}.
 */
@Tag("selftest")
@Isolated("replaces the JVM-wide Allure lifecycle while the fault run writes its results")
@DisplayName("The report a reviewer reads")
class ReviewerReportTest {

    static final int MIN_FAULTS = 10;
    private static final Path PROJECT = Path.of(System.getProperty("harness.projectDir", "."));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HTTP_STEP = Pattern.compile("^[A-Z]+ /.* -> (?:\\d{3}|no answer: \\S+) \\(\\d+ ms\\)$");
    private static final Set<String> PHASES = Set.of("Set-up", "Probe", "Check (read-back)", "Clean-up");

    /** Defects, each caught by one of {@link #CLASSES}: status, header, schema, gap-finding and routing failures. */
    static final List<String> FAULTS = List.of(
            "ISOLATION_OTHER_TENANT_403", "ISOLATION_USER_GET_NO_TENANT_FILTER", "USERS_FULL_NAME_MAX_NOT_ENFORCED",
            "USERS_EMAIL_UNIQUENESS_CASE_SENSITIVE", "USERS_UPDATED_AT_NOT_ADVANCED", "FILES_DOWNLOAD_INLINE",
            "AUTH_LOGIN_REVEALS_UNKNOWN_USER", "AUTH_LOGOUT_DOES_NOT_REVOKE", "RBAC_USER_SEES_ADMIN_STATS",
            "RBAC_MEMBER_CAN_UPDATE_OTHERS", "ROBUSTNESS_UNKNOWN_METHOD_404_NOT_405", "PAGINATION_HAS_NEXT_OFF_BY_ONE");

    static final List<String> CLASSES = List.of(
            "isolation.CrossTenantUserAccessTest", "users.UserLengthBoundariesTest", "users.UserUniquenessTest",
            "users.UserManagementTest", "files.FileTransferTest", "auth.RegistrationAndLoginTest", "auth.LogoutTest",
            "rbac.AdminEndpointsTest", "rbac.MemberPermissionsTest", "robustness.RoutingRobustnessTest",
            "pagination.FilePaginationTest");

    @Test
    @DisplayName("A fault run's report: one group per claim, exclusive categories with the summary's counts, "
            + "a step for every call, stable first lines")
    void faultRunReportReadsRight(@TempDir Path dir) throws IOException, InterruptedException {
        assertThat(FAULTS).as("faults on in the run").hasSizeGreaterThanOrEqualTo(MIN_FAULTS);
        Run first = run(dir.resolve("first"), true);
        Run second = run(dir.resolve("second"), false);
        Path report = generate(first.results(), dir.resolve("report"));
        Properties status = first.status();

        // Counts: the summary, JUnit's outcomes and Allure's statuses agree.
        JsonNode statistic = JSON.readTree(report.resolve("widgets").resolve("summary.json").toFile()).path("statistic");
        assertThat(first.junit()).as("JUnit outcomes of the run (what JUnit XML counts)")
                .containsEntry("failed", number(status, "failed")).containsEntry("errors", number(status, "error"))
                .containsEntry("skipped", number(status, "known") + number(status, "skipped"))
                .containsEntry("passed", number(status, "passed"));
        assertThat(statistic.path("failed").asLong()).as("Allure failed = summary failed").isEqualTo(number(status, "failed"));
        assertThat(statistic.path("broken").asLong()).as("Allure broken = summary errors").isEqualTo(number(status, "error"));
        assertThat(statistic.path("skipped").asLong()).as("Allure skipped = summary known + skipped")
                .isEqualTo(number(status, "known") + number(status, "skipped"));
        assertThat(statistic.path("passed").asLong()).as("Allure passed = summary passed").isEqualTo(number(status, "passed"));
        assertThat(statistic.path("total").asLong()).as("Allure total = summary tests (no pseudo-test)")
                .isEqualTo(number(status, "tests"));
        assertThat(number(status, "verdict.CONTRACT_VIOLATION")).as("contract violations of the fault run").isPositive();
        assertThat(number(status, "verdict.CONTRACT_GAP_FINDING")).as("contract-gap findings of the fault run").isPositive();

        // Categories: exclusive, complete, and the summary's numbers.
        JsonNode categories = JSON.readTree(report.resolve("data").resolve("categories.json").toFile());
        Map<String, String> categoryOfTest = new HashMap<>();
        Map<String, long[]> testsAndGroups = new TreeMap<>();
        for (JsonNode category : categories.path("children")) {
            long tests = 0;
            for (JsonNode group : category.path("children")) {
                for (JsonNode test : group.path("children")) {
                    String previous = categoryOfTest.put(test.path("uid").asText(), category.path("name").asText());
                    assertThat(previous).as("category of %s besides %s", test.path("name").asText(),
                            category.path("name").asText()).isNull();
                    tests++;
                }
            }
            testsAndGroups.put(category.path("name").asText(), new long[] {tests, category.path("children").size()});
        }
        for (Verdict verdict : Verdict.categories()) {
            long[] found = testsAndGroups.getOrDefault(verdict.category(), new long[2]);
            assertThat(found[0]).as("tests in category '%s' = the summary's", verdict.category())
                    .isEqualTo(number(status, "verdict." + verdict.name()));
            assertThat(found[1]).as("groups in category '%s' = the summary's distinct claims", verdict.category())
                    .isEqualTo(number(status, "claims." + verdict.name()));
        }
        assertThat(testsAndGroups.keySet()).as("categories in the report").isSubsetOf(
                Verdict.categories().stream().map(Verdict::category).toList());
        assertThat((long) categoryOfTest.size()).as("failed and broken tests, each in one category")
                .isGreaterThanOrEqualTo(statistic.path("failed").asLong() + statistic.path("broken").asLong());
        long violations = number(status, "verdict.CONTRACT_VIOLATION");
        long claims = number(status, "claims.CONTRACT_VIOLATION");
        assertThat(claims).as("violation groups (%d violations of %d faults): one per claim, not one per failure",
                violations, FAULTS.size()).isLessThan(violations).isLessThanOrEqualTo(3L * FAULTS.size());

        // Steps: every call of the run is a step with its exchange, under a phase.
        Steps steps = steps(first.results());
        assertThat(steps.loose).as("HTTP steps or attachments not under a phase step").isEmpty();
        assertThat(steps.incomplete).as("HTTP steps without their request and response").isEmpty();
        assertThat(steps.http.get()).as("HTTP steps = calls the filter reported").isEqualTo(number(status, "reportSteps"))
                .isPositive();
        assertThat(steps.http.get() + number(status, "requestsOutsideTests")).as("HTTP steps + calls outside any test "
                + "(class and run clean-up) = requests of the run").isEqualTo(number(status, "requests"));
        assertThat(steps.phasesSeen).as("phases seen in the run").contains("Set-up", "Probe", "Check (read-back)");

        // The first line of every failure is the same in the second run of the same faults. Suite tests whose
        // descriptions still carry run-specific words (issue 13 rewords them) are listed, not failed.
        assertThat(first.headlines()).as("failures of the first run").isNotEmpty();
        assertThat(second.headlines().keySet()).as("tests that failed in the second run of the same faults")
                .containsExactlyInAnyOrderElementsOf(first.headlines().keySet());
        Set<String> pending = PendingList.read(PENDING);
        Map<String, String> unstable = new TreeMap<>();
        first.headlines().forEach((id, headline) -> {
            String again = second.headlines().get(id);
            if (!headline.equals(again)) {
                unstable.put(testId(id), headline + "  /  " + again);
            }
        });
        Map<String, String> fresh = new TreeMap<>(unstable);
        fresh.keySet().removeAll(pending);
        System.out.println("First lines not stable across two runs: " + unstable.size() + " tests, " + (unstable.size()
                - fresh.size()) + " on " + PENDING + (unstable.isEmpty() ? "" : "\n  " + String.join("\n  ", unstable.keySet())));
        assertThat(fresh).as("tests whose failure's first line differs between two runs of the same faults").isEmpty();
    }

    /** Suite tests whose claims still carry names or ids (issue 13), one "Class#method" a line. */
    private static final String PENDING = "/selftest/headline-pending.txt";


    /** "Class#method" of a JUnit unique id. */
    private static String testId(String uniqueId) {
        java.util.regex.Matcher m = Pattern.compile("\\[class:[^\\]]*\\.([^.\\]]+)\\]/\\[(?:method|test-template):([^(]+)\\(")
                .matcher(uniqueId);
        return m.find() ? m.group(1) + "#" + m.group(2) : uniqueId;
    }

    /** One run of the classes with the faults on; with Allure results, or headlines only. */
    private static Run run(Path dir, boolean allure) throws IOException {
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        Path out = dir.resolve("out");
        Map<String, String> headlines = new ConcurrentHashMap<>();
        Map<String, Long> junit = new ConcurrentHashMap<>();
        List<String> brokenContainers = new java.util.concurrent.CopyOnWriteArrayList<>();
        AllureLifecycle previous = Allure.getLifecycle();
        if (allure) {
            Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
        }
        try {
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(allure).build())
                    .execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(CLASSES.stream().map(c -> DiscoverySelectors.selectClass("io.mtapi.harness.suites." + c))
                                    .toArray(ClassSelector[]::new))
                            .configurationParameter("env", "embedded")
                            .configurationParameter("api.baseUrl", "")
                            .configurationParameter("reference.faults", String.join(",", FAULTS))
                            .configurationParameter("harness.outputDir", out.toString())
                            .configurationParameter("allure.results.directory", results.toString())
                            .build(), new TestExecutionListener() {
                                @Override
                                public void executionSkipped(TestIdentifier id, String reason) {
                                    if (id.isTest()) {
                                        junit.merge("skipped", 1L, Long::sum);
                                    }
                                }

                                @Override
                                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                                    if (!id.isTest()) {
                                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                                            brokenContainers.add(id.getDisplayName() + ": " + result.getThrowable().orElse(null));
                                        }
                                        return;
                                    }
                                    Throwable failure = result.getThrowable().orElse(null);
                                    String outcome = switch (result.getStatus()) {
                                        case SUCCESSFUL -> "passed";
                                        case ABORTED -> "skipped";
                                        case FAILED -> failure instanceof AssertionError ? "failed" : "errors";
                                    };
                                    junit.merge(outcome, 1L, Long::sum);
                                    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                                        headlines.put(id.getUniqueId(), Headline.of(failure == null ? null : failure.getMessage()));
                                    }
                                }
                            });
        } finally {
            Allure.setLifecycle(previous);
        }
        // A class that fails as a whole is no test: JUnit XML, Allure and the summary would count it apart.
        assertThat(brokenContainers).as("test classes that failed as a whole").isEmpty();
        Properties status = new Properties();
        try (InputStream in = Files.newInputStream(out.resolve("harness-status.properties"))) {
            status.load(in);
        }
        for (String outcome : List.of("passed", "failed", "errors", "skipped")) {
            junit.putIfAbsent(outcome, 0L);
        }
        return new Run(results, status, headlines, junit);
    }

    private record Run(Path results, Properties status, Map<String, String> headlines, Map<String, Long> junit) {
    }

    private static long number(Properties status, String key) {
        String value = status.getProperty(key);
        assertThat(value).as("key %s of the run's harness-status.properties", key).isNotNull();
        return Long.parseLong(value.strip());
    }

    private static Path generate(Path results, Path report) throws IOException, InterruptedException {
        Process generate = new ProcessBuilder(allureCommand().toString(), "generate", results.toString(), "-o",
                report.toString(), "--clean").redirectErrorStream(true).start();
        String output = new String(generate.getInputStream().readAllBytes());
        assertThat(generate.waitFor(120, TimeUnit.SECONDS)).as("allure generate finished").isTrue();
        assertThat(generate.exitValue()).as("allure generate exit code; output: %s", output).isZero();
        return report;
    }

    /** What the raw results hold: HTTP steps, and those misplaced or missing their exchange. */
    private static final class Steps {
        final AtomicLong http = new AtomicLong();
        final List<String> loose = new ArrayList<>();
        final List<String> incomplete = new ArrayList<>();
        final Set<String> phasesSeen = new HashSet<>();
    }

    private static Steps steps(Path results) throws IOException {
        Steps steps = new Steps();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith("-result.json")) {
                    JsonNode result = JSON.readTree(file.toFile());
                    walk(result, result.path("name").asText(), false, steps);
                } else if (name.endsWith("-container.json")) {
                    JsonNode container = JSON.readTree(file.toFile());
                    for (String stage : List.of("befores", "afters")) {
                        // Fixture methods of the suites (@BeforeEach...) have no phases: their calls stand alone.
                        container.path(stage).forEach(fixture -> walk(fixture, fixture.path("name").asText(), true, steps));
                    }
                }
            }
        }
        return steps;
    }

    private static void walk(JsonNode node, String test, boolean underPhase, Steps steps) {
        for (JsonNode attachment : node.path("attachments")) {
            String attachmentName = attachment.path("name").asText();
            if ((attachmentName.equals("Request") || attachmentName.startsWith("Response")) && !HTTP_STEP.matcher(
                    node.path("name").asText()).matches()) {
                steps.loose.add(test + ": attachment '" + attachmentName + "' outside an HTTP step");
            }
        }
        for (JsonNode step : node.path("steps")) {
            String name = step.path("name").asText();
            boolean phase = PHASES.contains(name);
            if (phase) {
                steps.phasesSeen.add(name);
            }
            if (HTTP_STEP.matcher(name).matches()) {
                steps.http.incrementAndGet();
                if (!underPhase) {
                    steps.loose.add(test + ": " + name);
                }
                List<String> names = new ArrayList<>();
                step.path("attachments").forEach(a -> names.add(a.path("name").asText()));
                if (!names.contains("Request") || !name.contains("no answer") && names.stream().noneMatch(n -> n.startsWith("Response"))) {
                    steps.incomplete.add(test + ": " + name + " " + names);
                }
            }
            walk(step, test, underPhase || phase, steps);
        }
    }

    private static Path allureCommand() throws IOException {
        try (Stream<Path> dirs = Files.list(PROJECT.resolve("target").resolve("allure-commandline"))) {
            return dirs.map(d -> d.resolve("bin").resolve("allure")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Allure commandline not unpacked under target/allure-commandline: "
                            + "run the self-tests with -Pselftest, which unpacks it"));
        }
    }
}
