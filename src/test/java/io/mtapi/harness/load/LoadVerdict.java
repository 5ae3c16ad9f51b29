package io.mtapi.harness.load;

import io.mtapi.harness.load.LoadSettings.Thresholds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one load run the way the contract run judges a deployment: per endpoint, p95 and p99 against
 * their thresholds, answers the scenario did not expect, 429s (apart: every call is paced, so each one
 * is a finding), throughput against the plan, and the regression against the environment's baseline.
 * Each breach has a stable first line (the claim, the same on every run) and its evidence after it.
 *
 * <pre>{@code
 * LoadVerdict verdict = LoadVerdict.judge(settings, run, results, baseline);
 * System.out.println(verdict.summary());
 * System.exit(verdict.outcome().exitCode());   // bin/gate's codes: 0 held, 1 breached, 2 broken
 * }</pre>
 */
public final class LoadVerdict {

    /** bin/gate's exit codes. */
    public enum Outcome {
        PASS(0), FAIL(1), BROKEN(2);

        private final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** A threshold or regression an endpoint broke: {@code claim} is stable, {@code evidence} is this run's. */
    public record Breach(String claim, String evidence) {
        @Override
        public String toString() {
            return claim + "\n    " + evidence;
        }
    }

    /** Share of requests without any answer above which the target, not its latency, is what broke. */
    static final double UNANSWERED_BROKEN_SHARE = 0.5;

    public static final String STATUS_FILE = "load-status.properties";
    public static final String SUMMARY_FILE = "summary.md";

    private final LoadSettings settings;
    private final LoadRun run;
    private final List<EndpointResult> results;
    private final Optional<Baseline.Recorded> baseline;
    private final List<Breach> breaches = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String brokenReason;

    private LoadVerdict(LoadSettings settings, LoadRun run, List<EndpointResult> results, Optional<Baseline.Recorded> baseline) {
        this.settings = settings;
        this.run = run;
        this.results = List.copyOf(results);
        this.baseline = baseline;
    }

    /** A run that measured nothing: bad config, target down, provisioning failed, Gatling crashed. */
    public static LoadVerdict broken(LoadSettings settings, LoadRun run, String reason) {
        LoadVerdict verdict = new LoadVerdict(settings, run, List.of(), Optional.empty());
        verdict.brokenReason = reason;
        return verdict;
    }

    public static LoadVerdict judge(LoadSettings settings, LoadRun run, List<EndpointResult> results,
                                    Optional<Baseline.Recorded> baseline) {
        LoadVerdict verdict = new LoadVerdict(settings, run, results, baseline);
        verdict.judge();
        return verdict;
    }

    private void judge() {
        if (run.broken()) {
            brokenReason = run.reason();
            return;
        }
        long requests = results.stream().mapToLong(EndpointResult::requests).sum();
        long unanswered = results.stream().mapToLong(EndpointResult::unanswered).sum();
        if (requests == 0) {
            brokenReason = "the run sent no request (see Gatling's output above)";
            return;
        }
        if (unanswered > UNANSWERED_BROKEN_SHARE * requests) {
            brokenReason = "the target stopped answering: " + unanswered + " of " + requests
                    + " requests got no answer (refused or dropped connections, timeouts)";
            return;
        }
        boolean comparable = baseline.isPresent() && baseline.get().plan().equals(run.plan());
        if (baseline.isPresent() && !comparable) {
            notes.add("The baseline of " + settings.workload().key() + " was recorded with another plan ("
                    + baseline.get().plan() + "): regression not judged. Record it again with --record-baseline.");
        }
        for (EndpointResult result : results) {
            Thresholds limits = Endpoint.ofRequestName(result.name()).map(settings::thresholds).orElse(settings.thresholds());
            judge(result, limits, comparable ? Optional.ofNullable(baseline.get().endpoints().get(result.name())) : Optional.empty());
        }
        run.plannedRequestsPerSecond().keySet().stream()
                .filter(name -> results.stream().noneMatch(r -> r.name().equals(name)))
                .forEach(name -> breaches.add(new Breach(name + ": planned but never sent",
                        "the plan injects " + rate(run.plannedRequestsPerSecond().get(name)) + " req/s; Gatling recorded none")));
        if (!run.leftovers().isEmpty()) {
            notes.add("Clean-up left " + run.leftovers().size() + " item(s) on the target: " + run.leftovers());
        }
    }

    private void judge(EndpointResult r, Thresholds limits, Optional<Baseline.Figures> before) {
        String name = r.name();
        if (r.p95Millis() > limits.p95().toMillis()) {
            breaches.add(new Breach(name + ": p95 latency above its threshold of " + ms(limits.p95()),
                    "p95 " + r.p95Millis() + " ms over " + r.requests() + " requests"));
        }
        if (r.p99Millis() > limits.p99().toMillis()) {
            breaches.add(new Breach(name + ": p99 latency above its threshold of " + ms(limits.p99()),
                    "p99 " + r.p99Millis() + " ms over " + r.requests() + " requests"));
        }
        if (r.errorRatePercent() > limits.errorRatePercent()) {
            breaches.add(new Breach(name + ": error rate above its threshold of " + percent(limits.errorRatePercent()),
                    percent(r.errorRatePercent()) + ": " + r.unexpected() + " answer(s) the scenario did not expect, "
                            + r.unanswered() + " without an answer, of " + r.requests() + " requests"));
        }
        if (r.tooMany() > 0) {
            breaches.add(new Breach(name + ": 429 Too Many Requests on paced calls (expected 0)",
                    r.tooMany() + " of " + r.requests() + " requests; every caller stayed inside "
                            + settings.iterationsPerWindow() + " of its " + settings.rateLimitBudget() + " calls per "
                            + ms(settings.rateLimitWindow()) + " on each budget"));
        }
        Double planned = run.plannedRequestsPerSecond().get(name);
        if (limits.throughputShare() > 0 && planned != null && r.requestsPerSecond() < limits.throughputShare() * planned) {
            breaches.add(new Breach(name + ": throughput below " + Math.round(limits.throughputShare() * 100) + "% of the plan",
                    rate(r.requestsPerSecond()) + " req/s, planned " + rate(planned) + " req/s"));
        }
        before.ifPresent(b -> regression(r, limits, b));
    }

    private void regression(EndpointResult r, Thresholds limits, Baseline.Figures before) {
        LoadSettings.Regression regression = settings.regression();
        checkSlower(r.name(), "p95", r.p95Millis(), before.p95Millis(), regression);
        checkSlower(r.name(), "p99", r.p99Millis(), before.p99Millis(), regression);
        double floor = before.requestsPerSecond() * (1 - regression.tolerancePercent() / 100);
        if (limits.throughputShare() > 0 && r.requestsPerSecond() < floor) {
            breaches.add(new Breach(r.name() + ": throughput regressed more than " + percent(regression.tolerancePercent())
                    + " against the baseline", rate(r.requestsPerSecond()) + " req/s, baseline " + rate(before.requestsPerSecond()) + " req/s"));
        }
    }

    private void checkSlower(String name, String metric, long now, long before, LoadSettings.Regression regression) {
        long allowed = Math.max(Math.round(before * (1 + regression.tolerancePercent() / 100)),
                before + regression.noiseFloor().toMillis());
        if (now > allowed) {
            breaches.add(new Breach(name + ": " + metric + " latency regressed more than " + percent(regression.tolerancePercent())
                    + " against the baseline", metric + " " + now + " ms, baseline " + before + " ms (" + change(now, before)
                    + "; allowed up to " + allowed + " ms)"));
        }
    }

    public Outcome outcome() {
        return brokenReason != null ? Outcome.BROKEN : breaches.isEmpty() ? Outcome.PASS : Outcome.FAIL;
    }

    public List<Breach> breaches() {
        return List.copyOf(breaches);
    }

    /** The summary in the contract run's words: the plan, a line per endpoint, the verdict and its breaches. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Load ").append(settings.workload().key()).append(" against ")
                .append(run.baseUrl() == null ? "(no target)" : run.baseUrl()).append(" (env ").append(settings.env())
                .append(run.targetVersion() == null ? "" : ", version " + run.targetVersion())
                .append(run.runId() == null ? "" : ", run " + run.runId()).append(")\n");
        if (outcome() == Outcome.BROKEN) {
            return out.append("BROKEN (exit 2): ").append(brokenReason).append('\n').toString();
        }
        out.append("Plan: ").append(run.plan()).append('\n');
        out.append("Provisioned in ").append(seconds(run.provisioningMillis())).append(", cleaned up in ")
                .append(seconds(run.cleanupMillis())).append(" (outside the measured window); leftovers: ")
                .append(run.leftovers().size()).append('\n').append('\n');
        out.append(table()).append('\n');
        out.append(thresholdsLine()).append('\n');
        notes.forEach(note -> out.append(note).append('\n'));
        if (outcome() == Outcome.PASS) {
            out.append("PASS (exit 0): every endpoint held its thresholds; 0 429s on paced calls; ")
                    .append(baselineWords()).append('\n');
        } else {
            out.append("FAIL (exit 1): ").append(breaches.size()).append(" breach(es)\n");
            breaches.forEach(b -> out.append("  ").append(b.claim()).append("\n      ").append(b.evidence()).append('\n'));
        }
        return out.toString();
    }

    private String table() {
        String format = "%-28s %9s %8s %8s %8s %7s %5s  %s%n";
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, format, "endpoint", "requests", "req/s",
                "p95", "p99", "errors", "429s", baseline.isPresent() ? "p95 vs baseline" : ""));
        for (EndpointResult r : results) {
            String vs = baseline.flatMap(b -> Optional.ofNullable(b.endpoints().get(r.name())))
                    .map(b -> b.p95Millis() + " ms (" + change(r.p95Millis(), b.p95Millis()) + ")").orElse("");
            t.append(String.format(Locale.ROOT, format, r.name(), r.requests(), rate(r.requestsPerSecond()),
                    r.p95Millis() + " ms", r.p99Millis() + " ms", r.unexpected() + r.unanswered(), r.tooMany(), vs));
        }
        t.append(String.format(Locale.ROOT, format, "all", results.stream().mapToLong(EndpointResult::requests).sum(),
                rate(results.stream().mapToDouble(EndpointResult::requestsPerSecond).sum()), "", "",
                results.stream().mapToLong(r -> r.unexpected() + r.unanswered()).sum(),
                results.stream().mapToLong(EndpointResult::tooMany).sum(), ""));
        return t.toString();
    }

    private String thresholdsLine() {
        Thresholds t = settings.thresholds();
        StringBuilder line = new StringBuilder("Thresholds (env " + settings.env() + ", " + settings.workload().key()
                + "): p95 <= " + ms(t.p95()) + ", p99 <= " + ms(t.p99()) + ", errors <= " + percent(t.errorRatePercent())
                + (t.throughputShare() > 0 ? ", throughput >= " + Math.round(t.throughputShare() * 100) + "% of the plan" : "")
                + "; regression beyond " + percent(settings.regression().tolerancePercent()) + " and "
                + ms(settings.regression().noiseFloor()) + " against " + settings.regression().baselineFile(settings.env()).getFileName());
        for (Map.Entry<Endpoint, Thresholds> own : settings.endpointThresholds().entrySet()) {
            if (!own.getValue().equals(t)) {
                line.append("\n  ").append(own.getKey()).append(": ").append(own.getValue());
            }
        }
        return line.toString();
    }

    private String baselineWords() {
        if (baseline.isEmpty()) {
            return "no baseline for " + settings.workload().key() + " in " + settings.regression().baselineFile(settings.env())
                    + " (record one with bin/load " + settings.workload().key() + " --record-baseline)";
        }
        return baseline.get().plan().equals(run.plan())
                ? "no regression against the baseline recorded " + baseline.get().recordedAt() + " (run " + baseline.get().runId() + ")"
                : "regression not judged (the baseline ran another plan)";
    }

    /** Writes {@value #SUMMARY_FILE} and {@value #STATUS_FILE} (read by bin/load for its exit code). */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SUMMARY_FILE), "```\n" + summary() + "```\n");
            Files.writeString(dir.resolve(STATUS_FILE), "outcome=" + outcome().name().toLowerCase(Locale.ROOT) + "\n"
                    + "exit=" + outcome().exitCode() + "\n" + "breaches=" + breaches.size() + "\n"
                    + "reason=" + (brokenReason == null ? breaches.stream().findFirst().map(Breach::claim).orElse("") : brokenReason)
                    .replace('\n', ' ') + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the load summary under " + dir, e);
        }
    }

    private static String change(long now, long before) {
        if (before == 0) {
            return now == 0 ? "+0%" : "new";
        }
        long percent = Math.round(100.0 * (now - before) / before);
        return (percent >= 0 ? "+" : "") + percent + "%";
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String percent(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value)) + "%";
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
