package io.mtapi.harness.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes what a parity run found: {@code parity.md} (the headline, then a table per kind),
 * {@code parity-status.properties} (read by {@code bin/gate}), and the findings as Allure results in
 * categories of their own (added to whatever {@code categories.json} the run wrote).
 */
public final class ParityReport {

    static final String MARKDOWN = "parity.md";
    static final String STATUS = "parity-status.properties";
    private static final int MAX_CELL = 300;
    private static final int MAX_PLACES = 5;

    /** Categories of the parity findings; their messages begin with these markers. */
    private static final String CATEGORIES = """
            [
              {"name": "Parity: regressions (pass on the baseline, fail on the candidate)", "matchedStatuses": ["failed", "skipped"],
               "messageRegex": "(?s)Parity regression: .*"},
              {"name": "Parity: behaviour differences", "matchedStatuses": ["failed"], "messageRegex": "(?s)Parity difference: .*"},
              {"name": "Parity: accepted behaviour differences", "matchedStatuses": ["skipped"],
               "messageRegex": "(?s)Parity difference accepted: .*"},
              {"name": "Parity: slower endpoints", "matchedStatuses": ["failed"], "messageRegex": "(?s)Parity latency: .*"},
              {"name": "Parity: fixed on the candidate", "matchedStatuses": ["passed"], "messageRegex": "(?s)Parity fixed: .*"},
              {"name": "Parity: not compared", "matchedStatuses": ["broken"], "messageRegex": "(?s)Parity: not compared.*"}
            ]
            """;

    private final ParityResult result;

    public ParityReport(ParityResult result) {
        this.result = result;
    }

    /** The console's lines: the headline, the gate's verdict and what fails it. */
    public String consoleText(Path outputDir) {
        StringBuilder out = new StringBuilder(result.headline()).append('\n');
        if (result.broken().isEmpty()) {
            List<String> failures = result.gateFailures();
            out.append("  gate: ").append(failures.isEmpty() ? "the candidate is not worse than the baseline"
                    : failures.size() + " reason(s) the candidate is worse than the baseline").append('\n');
            failures.stream().limit(20).forEach(f -> out.append("  ").append(f).append('\n'));
            if (failures.size() > 20) {
                out.append("  ... and ").append(failures.size() - 20).append(" more\n");
            }
        }
        return out.append("  parity report: ").append(outputDir.resolve(MARKDOWN)).toString();
    }

    /**
     * parity.md and parity-status.properties under {@code outputDir}; the findings as Allure results
     * when the run has an Allure results folder, whose categories.json gets the parity categories.
     */
    public void write(Path outputDir, Optional<Path> allureResults) {
        try {
            Files.createDirectories(outputDir);
            Files.writeString(outputDir.resolve(MARKDOWN), markdown());
            Files.writeString(outputDir.resolve(STATUS), status());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the parity report under " + outputDir, e);
        }
        allureResults.ifPresent(this::writeAllure);
    }

    /** The report of a parity run that could not compare: the gate exits 2 with the reason. */
    static void writeBroken(Path outputDir, String reason) {
        try {
            Files.createDirectories(outputDir);
            Files.writeString(outputDir.resolve(MARKDOWN), "Parity: not compared, " + reason + "\n");
            Files.writeString(outputDir.resolve(STATUS), "broken=true\nreason=" + reason.replace("\n", " ")
                    + "\nsummary=Parity: not compared\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the parity status under " + outputDir, e);
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder(result.headline()).append("\n\n");
        md.append("- Baseline: ").append(result.baseline().target()).append('\n');
        md.append("- Candidate: ").append(result.candidate().target()).append('\n');
        if (result.broken().isPresent()) {
            return md.append("\nNothing was compared: ").append(result.broken().get()).append('\n').toString();
        }
        List<String> failures = result.gateFailures();
        md.append("- Gate: ").append(failures.isEmpty() ? "holds: the candidate is not worse than the baseline"
                : "**fails**: " + failures.size() + " reason(s), listed in the tables below").append('\n');
        md.append("- Latency: an endpoint is slower when its ").append(result.settings().latencyRule()).append('\n');
        md.append("- Tests: ").append(result.tests().size()).append(" in all, ").append(result.compared())
                .append(" judged on both sides; ").append(result.of(TestComparison.Kind.BOTH_PASS).size()).append(" both pass, ")
                .append(result.of(TestComparison.Kind.BOTH_FAIL).size()).append(" both fail, ")
                .append(result.of(TestComparison.Kind.NOT_JUDGED).size()).append(" not judged on a side\n");

        md.append("\n## Regressions (pass on the baseline, fail on the candidate)\n\n");
        tests(md, result.regressions(), true);
        md.append("\n## Fixed (fail on the baseline, pass on the candidate)\n\n");
        tests(md, result.fixed(), true);
        md.append("\n## Behaviour differences\n\n");
        differences(md);
        md.append("\n## Latency per endpoint\n\n");
        latency(md);
        md.append("\n## Both fail\n\n");
        tests(md, result.of(TestComparison.Kind.BOTH_FAIL), true);
        md.append("\n## Not judged on a side (kept apart)\n\n");
        tests(md, result.of(TestComparison.Kind.NOT_JUDGED), true);
        List<TestComparison> bothPass = result.of(TestComparison.Kind.BOTH_PASS);
        md.append("\n## Both pass\n\n");
        if (bothPass.isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("<details><summary>").append(bothPass.size()).append(" tests</summary>\n\n");
            tests(md, bothPass, false);
            md.append("\n</details>\n");
        }
        return md.toString();
    }

    private static void tests(StringBuilder md, List<TestComparison> tests, boolean verdicts) {
        if (tests.isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append(verdicts ? "| Test | Baseline | Candidate |\n|---|---|---|\n" : "| Test | Note |\n|---|---|\n");
        for (TestComparison t : tests) {
            md.append("| ").append(cell(t.name()));
            if (verdicts) {
                md.append(" | ").append(cell(t.baseline().describe())).append(" | ").append(cell(t.candidate().describe()
                        + (t.knownOnCandidate() ? " (known issue of the candidate's environment: not gating)" : "")));
            } else {
                md.append(" | ").append(cell(t.note()));
            }
            md.append(" |\n");
        }
    }

    private void differences(StringBuilder md) {
        if (result.differences().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| Endpoint | Aspect | Baseline -> candidate | Where (test: step) | Accepted |\n|---|---|---|---|---|\n");
            for (Difference d : result.differences()) {
                String places = d.occurrences().stream().limit(MAX_PLACES).map(o -> o.test() + ": step " + o.step())
                        .collect(Collectors.joining("<br>"));
                int more = d.occurrences().size() - MAX_PLACES;
                md.append("| ").append(cell(d.endpoint())).append(" | ").append(cell(d.aspect())).append(" | ")
                        .append(d.changes().stream().map(ParityReport::cell).collect(Collectors.joining("<br>")))
                        .append(" | ").append(cell(places)).append(more > 0 ? "<br>... and " + more + " more" : "")
                        .append(" | ").append(d.acceptedBy().map(a -> "yes: " + cell(a.reason())).orElse("**no**"))
                        .append(" |\n");
            }
        }
        List<AcceptedDifference> unused = result.unusedAcceptances();
        if (!unused.isEmpty()) {
            md.append("\nAccepted in config but not seen in this run (remove them from parity.accepted?): ")
                    .append(unused.stream().map(AcceptedDifference::describe).collect(Collectors.joining("; "))).append('\n');
        }
    }

    private void latency(StringBuilder md) {
        if (result.latency().isEmpty()) {
            md.append("Not compared.\n");
            return;
        }
        md.append("| Endpoint | Baseline median | Candidate median | Ratio | Verdict |\n|---|---|---|---|---|\n");
        for (EndpointLatency l : result.latency()) {
            md.append("| ").append(l.endpoint()).append(" | ").append(EndpointLatency.describe(l.baseline()))
                    .append(" | ").append(EndpointLatency.describe(l.candidate()))
                    .append(" | ").append(Double.isInfinite(l.ratio()) || l.baseline().calls() == 0 || l.candidate().calls() == 0
                            ? "-" : String.format(Locale.ROOT, "%.2f", l.ratio()))
                    .append(" | ").append(switch (l.verdict()) {
                        case SLOWER -> "**slower**";
                        case WITHIN_RATIO -> "within the ratio";
                        case BELOW_NOISE_FLOOR -> "below the noise floor (not counted)";
                        case WITHIN_BASELINE_SPREAD -> "within the baseline's spread (not counted)";
                        case TOO_FEW_CALLS -> "too few calls (not counted)";
                    }).append(" |\n");
        }
    }

    private static String cell(String text) {
        String flat = text.replace("|", "\\|").replace("\n", " ");
        return flat.length() > MAX_CELL ? flat.substring(0, MAX_CELL) + "..." : flat;
    }

    String status() {
        StringBuilder s = new StringBuilder();
        s.append("broken=").append(result.broken().isPresent()).append('\n');
        result.broken().ifPresent(r -> s.append("reason=").append(r.replace("\n", " ")).append('\n'));
        s.append("summary=").append(result.headline()).append('\n')
                .append("compared=").append(result.compared()).append('\n')
                .append("regressions=").append(result.regressions().size()).append('\n')
                .append("knownRegressions=").append(result.regressions().stream().filter(TestComparison::knownOnCandidate).count()).append('\n')
                .append("fixed=").append(result.fixed().size()).append('\n')
                .append("bothFail=").append(result.of(TestComparison.Kind.BOTH_FAIL).size()).append('\n')
                .append("bothPass=").append(result.of(TestComparison.Kind.BOTH_PASS).size()).append('\n')
                .append("notJudged=").append(result.of(TestComparison.Kind.NOT_JUDGED).size()).append('\n')
                .append("candidateFailuresNotCompared=").append(result.candidateFailuresNotCompared().size()).append('\n')
                .append("differences=").append(result.differences().size()).append('\n')
                .append("unacceptedDifferences=").append(result.unacceptedDifferences().size()).append('\n')
                .append("slowerEndpoints=").append(result.slowerEndpoints().size()).append('\n')
                .append("slowestRatio=").append(String.format(Locale.ROOT, "%.2f", result.slowestRatio())).append('\n')
                .append("worse=").append(result.gateFailures().size()).append('\n');
        return s.toString();
    }

    private void writeAllure(Path resultsDir) {
        addCategories(resultsDir);
        String md = markdown();
        if (result.broken().isPresent()) {
            allure("Parity report", Status.BROKEN, result.headline(), md);
            return;
        }
        for (TestComparison t : result.regressions()) {
            allure("Parity regression: " + t.name(), t.knownOnCandidate() ? Status.SKIPPED : Status.FAILED,
                    "Parity regression: " + t.name() + " passes on the baseline and fails on the candidate\n"
                            + "candidate: " + t.candidate().describe(), null);
        }
        for (TestComparison t : result.fixed()) {
            allure("Parity fixed: " + t.name(), Status.PASSED, "Parity fixed: " + t.name()
                    + " fails on the baseline and passes on the candidate\nbaseline: " + t.baseline().describe(), null);
        }
        for (Difference d : result.differences()) {
            String change = d.changes().get(0);
            String where = d.occurrences().stream().limit(MAX_PLACES).map(o -> o.test() + ": step " + o.step())
                    .collect(Collectors.joining("\n"));
            allure("Parity difference: " + d.endpoint() + " " + d.aspect(), d.accepted() ? Status.SKIPPED : Status.FAILED,
                    (d.accepted() ? "Parity difference accepted: " : "Parity difference: ") + d.endpoint() + " " + d.aspect()
                            + " changed (baseline -> candidate: " + change + ")"
                            + d.acceptedBy().map(a -> "; accepted: " + a.reason()).orElse("") + "\n" + where, null);
        }
        for (EndpointLatency l : result.slowerEndpoints()) {
            allure("Parity latency: " + l.endpoint(), Status.FAILED, "Parity latency: " + l.endpoint()
                    + " is slower on the candidate than parity.maxLatencyRatio allows\nbaseline "
                    + EndpointLatency.describe(l.baseline()) + ", candidate " + EndpointLatency.describe(l.candidate())
                    + String.format(Locale.ROOT, ", ratio %.2f", l.ratio()), null);
        }
        allure("Parity report", Status.PASSED, result.headline(), md);
    }

    private static void allure(String name, Status status, String message, String markdown) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName(name)
                .setFullName("io.mtapi.harness.parity." + name).setHistoryId(name).setStatus(status)
                .setStatusDetails(new StatusDetails().setMessage(message))
                .setLabels(List.of(new Label().setName("suite").setValue("Parity"),
                        new Label().setName("epic").setValue("Parity"))));
        lifecycle.startTestCase(uuid);
        if (markdown != null) {
            lifecycle.addAttachment("parity.md", "text/markdown", ".md", markdown.getBytes(StandardCharsets.UTF_8));
        }
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);
    }

    /** Puts the parity categories first in the run's categories.json, keeping every category already there. */
    static void addCategories(Path resultsDir) {
        ObjectMapper json = new ObjectMapper();
        Path file = resultsDir.resolve("categories.json");
        try {
            ArrayNode merged = (ArrayNode) json.readTree(CATEGORIES);
            java.util.Set<String> ours = new java.util.HashSet<>();
            merged.forEach(c -> ours.add(c.path("name").asText()));
            if (Files.isRegularFile(file)) {
                json.readTree(file.toFile()).forEach(c -> {
                    if (!ours.contains(c.path("name").asText())) {
                        merged.add((ObjectNode) c);
                    }
                });
            }
            Files.createDirectories(resultsDir);
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(merged));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the parity categories to " + file, e);
        }
    }
}
