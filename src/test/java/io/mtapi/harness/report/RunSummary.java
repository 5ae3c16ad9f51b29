package io.mtapi.harness.report;

import io.mtapi.harness.http.RateLimitPacer;
import io.mtapi.harness.http.RequestLedger;
import io.mtapi.harness.http.Retries;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What a run did, printed at its end and kept for pipelines and reviewers: tests per tag,
 * wall time, requests, retries, recovered POSTs and lost answers, 429s, pacing waits,
 * leftovers, contract coverage, where the report is.
 * Files: {@code target/run-summary.md}, {@code target/coverage.md} and
 * {@code target/harness-status.properties} (read by {@code bin/gate} for its exit code).
 */
public record RunSummary(String runId, String env, String baseUrl, String targetVersion, Duration elapsed,
                         RequestLedger ledger, RateLimitPacer pacer, Retries retries, RunTally tally, List<String> leftovers,
                         Coverage coverage, boolean requireAll) {

    private static final RunTally.Outcome[] OUTCOMES = RunTally.Outcome.values();

    public String text() {
        StringBuilder out = new StringBuilder()
                .append("Run ").append(runId).append(" against ").append(baseUrl).append(" (env ").append(env)
                .append(", version ").append(targetVersion).append(") in ").append(elapsed.toMillis() / 1000.0).append(" s\n")
                .append(String.format("  %-18s %7s %7s %7s %7s%n", "tag", "passed", "failed", "known", "skipped"));
        for (String tag : tally.tags()) {
            out.append(String.format("  %-18s %7d %7d %7d %7d%n", tag, tally.count(tag, OUTCOMES[0]),
                    tally.count(tag, OUTCOMES[1]), tally.count(tag, OUTCOMES[2]), tally.count(tag, OUTCOMES[3])));
        }
        out.append("  requests ").append(ledger.total())
                .append(" (register ").append(ledger.count("POST /auth/register"))
                .append(", login ").append(ledger.count("POST /auth/login"))
                .append(", hash-costing ").append(ledger.hashCostingCalls())
                .append(" = ").append(String.format(java.util.Locale.ROOT, "%.1f", hashesPerClass())).append(" per test class")
                .append("), retries ").append(retries.retries())
                .append(", recovered POSTs ").append(retries.recoveredPosts())
                .append(" (").append(retries.adoptedPosts()).append(" adopted)")
                .append(", lost answers ").append(retries.lostAnswers())
                .append(", 429s ").append(ledger.tooManyRequests())
                .append(" (outside rate_limit ").append(pacer.tooManyRequestsDespitePacing()).append(", provoked by tests ")
                .append(ledger.provokedTooManyRequests()).append(")")
                .append(", paced waits ").append(pacer.waits()).append(" (").append(pacer.waited().toMillis() / 1000.0).append(" s)")
                .append(", leftovers ").append(leftovers.size()).append('\n')
                .append("  coverage ").append(coverage.totals()).append('\n');
        if (pacer.waits() > 0) {
            out.append("  paced waits by call: ").append(pacer.waitsByCall()).append('\n');
        }
        out.append("  most hash-costing classes:");
        ledger.hashCostingCallsByClass().entrySet().stream().limit(8).forEach(e -> out.append(' ')
                .append(e.getKey().substring(e.getKey().lastIndexOf('.') + 1)).append(' ').append(e.getValue()));
        out.append('\n');
        tally.notJudgedByReason().forEach((reason, count) -> out.append("  not judged: ").append(count)
                .append(count == 1 ? " test (" : " tests (").append(reason).append(")\n"));
        tally.skipReasons().stream().filter(r -> !r.contains(": Not judged: ")).distinct().limit(20)
                .forEach(r -> out.append("  skipped: ").append(r).append('\n'));
        tally.fixedKnownIssues().forEach(t -> out.append("  FIXED? known issue passed, remove it from the list: ")
                .append(t).append('\n'));
        leftovers.forEach(l -> out.append("  leftover: ").append(l).append('\n'));
        out.append("  report: ./mvnw allure:report (results in allure-results/), summary in target/run-summary.md");
        return out.toString();
    }

    /** Writes the summary, coverage and status files under {@code targetDir}, and a "Run summary" entry into Allure. */
    public void write(Path targetDir) {
        writeFiles(targetDir);
        attachToAllure();
    }

    /** Writes the summary, coverage and status files under {@code targetDir} only (a parity run's baseline side). */
    public void writeFiles(Path targetDir) {
        try {
            Files.createDirectories(targetDir);
            Files.writeString(targetDir.resolve("run-summary.md"), "```\n" + text() + "\n```\n");
            Files.writeString(targetDir.resolve("coverage.md"), coverage.markdown());
            Files.writeString(targetDir.resolve("harness-status.properties"),
                    "failures=" + tally.failures().size() + "\nknown=" + tally.knownCount() + "\nnotJudged="
                            + tally.notJudgedCount() + "\nrequireAll=" + requireAll + "\nbroken=false\n429s="
                            + ledger.tooManyRequests() + "\n429sOutsideRateLimit=" + pacer.tooManyRequestsDespitePacing()
                            + "\nretries=" + retries.retries() + "\nrecoveredPosts=" + retries.recoveredPosts()
                            + "\nadoptedPosts=" + retries.adoptedPosts() + "\nlostAnswers=" + retries.lostAnswers()
                            + "\nrequests=" + ledger.total() + "\nhashCostingCalls="
                            + ledger.hashCostingCalls() + "\nhashCostingCallsPerClass=" + String.format(java.util.Locale.ROOT, "%.2f", hashesPerClass())
                            + "\ntestClasses=" + tally.classes() + "\npacedWaits=" + pacer.waits() + "\npacedWaitSeconds="
                            + pacer.waited().toMillis() / 1000.0 + "\nleftovers=" + leftovers.size() + "\nwallSeconds="
                            + elapsed.toMillis() / 1000.0 + "\n");
            Files.writeString(targetDir.resolve("requests.tsv"), requestsByEndpoint());
            StringBuilder hashes = new StringBuilder("class\thash_costing_calls\n");
            ledger.hashCostingCallsByClass().forEach((c, n) -> hashes.append(c).append('\t').append(n).append('\n'));
            Files.writeString(targetDir.resolve("hash-costing.tsv"), hashes.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run summary under " + targetDir, e);
        }
    }

    private double hashesPerClass() {
        long classes = tally.classes();
        return classes == 0 ? 0 : (double) ledger.hashCostingCalls() / classes;
    }

    /** Requests per documented endpoint and method (template paths), tab-separated, for the benchmark. */
    private String requestsByEndpoint() {
        java.util.Map<String, Long> byEndpoint = new java.util.TreeMap<>();
        ledger.byEndpointAndStatus().forEach((key, count) -> {
            String[] parts = key.split(" ");
            String endpoint = io.mtapi.harness.checks.ContractOperations.match(parts[0], parts[1])
                    .map(o -> o.method() + "\t" + o.pathTemplate()).orElse(parts[0] + "\t(outside the contract)");
            byEndpoint.merge(endpoint, count, Long::sum);
        });
        StringBuilder tsv = new StringBuilder("method\tpath\trequests\n");
        byEndpoint.forEach((endpoint, count) -> tsv.append(endpoint).append('\t').append(count).append('\n'));
        return tsv.toString();
    }

    /** The status of a run that could not start: {@code bin/gate} exits 2 with the reason. */
    public static void writeBroken(Path targetDir, String reason) {
        try {
            Files.createDirectories(targetDir);
            Files.writeString(targetDir.resolve("harness-status.properties"),
                    "failures=0\nknown=0\nbroken=true\nreason=" + reason.replace("\n", " ") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run status under " + targetDir, e);
        }
    }

    private void attachToAllure() {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("Run summary and contract coverage")
                .setFullName("io.mtapi.harness.report.RunSummary").setStatus(Status.PASSED)
                .setDescription(coverage.totals())
                .setLabels(List.of(new Label().setName("suite").setValue("Run"),
                        new Label().setName("epic").setValue("Run"))));
        lifecycle.startTestCase(uuid);
        lifecycle.addAttachment("Run summary", "text/plain", ".txt", text().getBytes(StandardCharsets.UTF_8));
        lifecycle.addAttachment("Contract coverage", "text/markdown", ".md", coverage.markdown().getBytes(StandardCharsets.UTF_8));
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);
    }
}
