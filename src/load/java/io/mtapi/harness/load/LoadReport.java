package io.mtapi.harness.load;

import io.mtapi.harness.config.HarnessConfigException;
import io.mtapi.harness.load.LoadVerdict.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report step of {@code bin/load}, run by Maven right after {@code gatling:test}
 * ({@code exec:java@load-report}): reads the simulation's record ({@code run.json}) and Gatling's
 * statistics, judges them ({@link LoadVerdict}), prints the summary, writes {@code summary.md} and the
 * status {@code bin/load} turns into its exit code, and with {@code -Dload.recordBaseline=true} records
 * a passing run as the environment's baseline. It never fails the build itself: bin/load decides.
 */
public final class LoadReport {

    private LoadReport() {
    }

    public static void main(String[] args) throws IOException {
        Function<String, Optional<String>> properties = key -> Optional.ofNullable(System.getProperty(key));
        Workload workload = Workload.of(properties.apply("load.workload").orElse("steady"));
        Path outputDir = LoadFixture.outputDir();
        Path resultsDir = outputDir.resolve("gatling");
        LoadSettings settings;
        try {
            settings = LoadSettings.load(properties, workload);
        } catch (HarnessConfigException e) {
            writeBrokenStatus(outputDir, e.getMessage());
            return;
        }
        Optional<LoadRun> run = Files.isRegularFile(outputDir.resolve(LoadRun.FILE)) ? Optional.of(LoadRun.read(outputDir)) : Optional.empty();
        Optional<Path> runDir = GatlingResults.lastRun(resultsDir);
        LoadVerdict verdict;
        if (run.isEmpty() || !run.get().workload().equals(workload.key())) {
            verdict = LoadVerdict.broken(settings, LoadRun.broken(workload.key(), settings.env(), ""),
                    "the " + workload.key() + " simulation left no record of its run (did Gatling start? see its output above)");
        } else if (run.get().broken()) {
            verdict = LoadVerdict.broken(settings, run.get(), run.get().reason());
        } else if (runDir.isEmpty() || !run.get().cleanedUp()) {
            verdict = LoadVerdict.broken(settings, run.get(), "Gatling did not finish the run"
                    + GatlingResults.executionError(resultsDir).map(e -> ": " + e).orElse(" (see its output above)"));
        } else {
            Path baselineFile = settings.regression().baselineFile(settings.env());
            Optional<Baseline> baseline = Baseline.read(baselineFile);
            List<EndpointResult> results = GatlingResults.read(runDir.get());
            verdict = LoadVerdict.judge(settings, run.get(), results, baseline.flatMap(b -> b.of(workload)));
            if (properties.apply("load.recordBaseline").map(Boolean::parseBoolean).orElse(false)) {
                record(verdict, baseline, baselineFile, settings, run.get(), results);
            }
        }
        System.out.println();
        System.out.print(verdict.summary());
        runDir.filter(dir -> verdict.outcome() != Outcome.BROKEN)
                .ifPresent(dir -> System.out.println("HTML report (Gatling): " + dir.resolve("index.html")));
        System.out.println("Summary: " + outputDir.resolve(LoadVerdict.SUMMARY_FILE));
        verdict.write(outputDir);
    }

    private static void record(LoadVerdict verdict, Optional<Baseline> baseline, Path file, LoadSettings settings,
                               LoadRun run, List<EndpointResult> results) {
        if (verdict.outcome() != Outcome.PASS) {
            System.out.println("Baseline NOT recorded: a run that breaks its thresholds is no baseline to hold builds to.");
            return;
        }
        Baseline.Recorded recorded = Baseline.recorded(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), run, results);
        baseline.orElse(new Baseline(settings.env(), null)).with(settings.workload(), recorded).write(file);
        System.out.println("Baseline recorded: " + file + " (" + settings.workload().key() + "): commit it to hold later builds to it.");
    }

    private static void writeBrokenStatus(Path outputDir, String reason) throws IOException {
        Files.createDirectories(outputDir);
        Files.writeString(outputDir.resolve(LoadVerdict.STATUS_FILE), "outcome=broken\nexit=2\nbreaches=0\nreason="
                + reason.replace('\n', ' ') + "\n");
        System.out.println("BROKEN (exit 2): " + reason);
    }
}
