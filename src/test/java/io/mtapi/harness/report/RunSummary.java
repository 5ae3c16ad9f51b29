package io.mtapi.harness.report;

import io.mtapi.harness.http.MaskedAllureFilter;
import io.mtapi.harness.http.RateLimitPacer;
import io.mtapi.harness.http.RequestLedger;
import io.mtapi.harness.http.Retries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, printed at its end and kept for pipelines and reviewers: tests per tag,
 * verdicts (the report's categories, with how many distinct claims each), wall time, requests,
 * retries, recovered POSTs and lost answers, 429s, pacing waits, leftovers, contract coverage, where
 * the report is. The counts are those of JUnit XML (an assertion fails a test, anything else is an
 * error) and of the Allure categories ({@link Verdict}).
 * Files: {@code target/run-summary.md}, {@code target/coverage.md} and
 * {@code target/harness-status.properties} (read by {@code bin/gate} for its exit code); in the Allure
 * results, the summary's lines go into the environment (the report's overview), not into a test.
 *
 * @param requireAll    whether the gate fails on tests not judged ({@code bin/gate --require-all})
 * @param allureResults where the run's Allure results are
 * @param steps         the filter that put the run's HTTP exchanges into the report as steps
 */
public record RunSummary(String runId, String env, String baseUrl, String targetVersion, Duration elapsed,
                         RequestLedger ledger, RateLimitPacer pacer, Retries retries, RunTally tally, List<String> leftovers,
                         Coverage coverage, boolean requireAll, Path allureResults, MaskedAllureFilter steps) {

    private static final RunTally.Outcome[] OUTCOMES = RunTally.Outcome.values();

    public String text() {
        StringBuilder out = new StringBuilder()
                .append("Run ").append(runId).append(" against ").append(baseUrl).append(" (env ").append(env)
                .append(", version ").append(targetVersion).append(") in ").append(elapsed.toMillis() / 1000.0).append(" s\n")
                .append(String.format("  %-18s %7s %7s %7s %7s %7s%n", "tag", "passed", "failed", "errors", "known", "skipped"));
        for (String tag : tally.tags()) {
            out.append(String.format("  %-18s %7d %7d %7d %7d %7d%n", tag, tally.count(tag, OUTCOMES[0]),
                    tally.count(tag, OUTCOMES[1]), tally.count(tag, OUTCOMES[2]), tally.count(tag, OUTCOMES[3]),
                    tally.count(tag, OUTCOMES[4])));
        }
        out.append("  tests ").append(tally.tests()).append(": ").append(totals()).append('\n')
                .append("  verdicts: ").append(verdicts()).append('\n');
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
        out.append("  target cost: ").append(targetCost()).append('\n');
        RunTally.TenantLoans loans = tally.tenantLoans();
        out.append("  tenants: ").append(loans.registered()).append(" registered for the pool, ")
                .append(loans.handedOver()).append(" handed over by registration tests, ").append(loans.lent())
                .append(" loans to test classes").append(loans.overDeclaredCalls().isEmpty() ? ""
                        : "; more calls on one budget than declared (@CallsPerBudget): " + loans.overDeclaredCalls())
                .append('\n');
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
        out.append("  report: bin/report (results in ").append(allureResults).append(", ").append(steps.attached())
                .append(" HTTP steps; ").append(steps.outsideTests()).append(" calls of class and run clean-up outside any test)")
                .append(", summary in target/run-summary.md");
        return out.toString();
    }

    /** "470 passed, 55 failed, 0 errors, 2 known, 3 skipped": the counts JUnit XML and Allure's statuses give. */
    private String totals() {
        return tally.count(RunTally.Outcome.PASSED) + " passed, " + tally.count(RunTally.Outcome.FAILED) + " failed, "
                + tally.count(RunTally.Outcome.ERROR) + " errors, " + tally.count(RunTally.Outcome.KNOWN) + " known, "
                + tally.count(RunTally.Outcome.SKIPPED) + " skipped";
    }

    /** Each report category with its tests and its distinct claims: "contract violations 50 (8 claims), ...". */
    private String verdicts() {
        StringBuilder line = new StringBuilder();
        for (Verdict verdict : Verdict.categories()) {
            line.append(line.length() == 0 ? "" : ", ").append(verdict.category().replaceAll(" \\(.*", "").toLowerCase(java.util.Locale.ROOT))
                    .append(' ').append(tally.count(verdict));
            if (tally.count(verdict) > 0) {
                line.append(" (").append(tally.claims(verdict)).append(tally.claims(verdict) == 1 ? " claim)" : " claims)");
            }
        }
        return line.toString();
    }

    /** The lines of the summary for the report's Environment widget. */
    private Map<String, String> environmentLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Tests", tally.tests() + ": " + totals());
        // What happened first: verdicts with tests, then the empty ones.
        Verdict.categories().stream().sorted(java.util.Comparator.comparing(v -> tally.count(v) == 0)).forEach(verdict ->
                lines.put(verdict.category().replaceAll(" \\(.*", ""), tally.count(verdict) + " tests, "
                        + tally.claims(verdict) + (tally.claims(verdict) == 1 ? " claim" : " claims")));
        lines.put("Requests", ledger.total() + " (hash-costing " + ledger.hashCostingCalls() + ", retries "
                + retries.retries() + ", 429s outside rate_limit " + pacer.tooManyRequestsDespitePacing() + ", leftovers "
                + leftovers.size() + ") in " + elapsed.toMillis() / 1000.0 + " s");
        lines.put("Coverage", coverage.totals());
        coverage.byEndpoint().forEach((endpoint, statuses) -> lines.put("coverage: " + endpoint, statuses));
        return lines;
    }

    /** "key=value" lines of the counts, for pipelines and the report self-test. */
    private String statusCounts() {
        StringBuilder out = new StringBuilder("tests=").append(tally.tests());
        for (RunTally.Outcome outcome : OUTCOMES) {
            out.append('\n').append(outcome.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(tally.count(outcome));
        }
        for (Verdict verdict : Verdict.values()) {
            out.append("\nverdict.").append(verdict.name()).append('=').append(tally.count(verdict));
            if (verdict.category() != null) {
                out.append("\nclaims.").append(verdict.name()).append('=').append(tally.claims(verdict));
            }
        }
        return out.append("\nreportSteps=").append(steps.attached()).append("\nrequestsOutsideTests=")
                .append(steps.outsideTests()).append('\n').toString();
    }

    /** Writes the summary, coverage and status files under {@code targetDir}, and the summary into the Allure environment. */
    public void write(Path targetDir) {
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
                            + "\nhashCostMillis=" + ledger.measuredHashCost().map(Duration::toMillis).map(String::valueOf).orElse("")
                            + "\ntenantsRegistered=" + tally.tenantLoans().registered() + "\ntenantLoans="
                            + tally.tenantLoans().lent() + "\nclassesOverDeclaredCalls=" + tally.tenantLoans().overDeclaredCalls().size()
                            + "\ntestClasses=" + tally.classes() + "\npacedWaits=" + pacer.waits() + "\npacedWaitSeconds="
                            + pacer.waited().toMillis() / 1000.0 + "\nleftovers=" + leftovers.size() + "\nwallSeconds="
                            + elapsed.toMillis() / 1000.0 + "\n" + statusCounts());
            Files.writeString(targetDir.resolve("requests.tsv"), requestsByEndpoint());
            StringBuilder hashes = new StringBuilder("class\thash_costing_calls\n");
            ledger.hashCostingCallsByClass().forEach((c, n) -> hashes.append(c).append('\t').append(n).append('\n'));
            Files.writeString(targetDir.resolve("hash-costing.tsv"), hashes.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run summary under " + targetDir, e);
        }
        AllureSetup.writeSummary(allureResults, env, baseUrl, targetVersion, runId, environmentLines());
    }

    /**
     * What the run cost the target's CPU in password hashes, at the cost measured from outside: a team
     * sharing a stage learns what a run takes from everyone else there (a one-worker server answers
     * nobody while it hashes).
     */
    String targetCost() {
        long hashes = ledger.hashCostingCalls();
        return ledger.measuredHashCost()
                .map(cost -> String.format(java.util.Locale.ROOT, "%d hash-costing calls, about %.1f s of the "
                                + "target's CPU at the measured cost of %d ms per hash (fastest login less fastest read)",
                        hashes, hashes * cost.toNanos() / 1e9, cost.toMillis()))
                .orElse(hashes + " hash-costing calls (no login and read answered to measure a hash by)");
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
}
