package io.mtapi.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the Allure report needs beside the test results: the environment of the run (with the
 * run's summary, once it ended: the overview shows it without a pseudo-test), the executor (CI
 * facts when the run has them) and the failure categories, one per {@link Verdict}, mutually
 * exclusive.
 */
public final class AllureSetup {

    private AllureSetup() {
    }

    /** Where this run's Allure results go: {@code allure.results.directory} (configuration parameter, else system property). */
    public static Path resultsDir(Function<String, Optional<String>> properties) {
        return Path.of(properties.apply("allure.results.directory")
                .orElse(System.getProperty("allure.results.directory", "allure-results")));
    }

    /** Environment, executor and categories, at the start of a run. */
    public static void write(Path dir, String env, String baseUrl, String targetVersion, String runId) {
        Map<String, String> environment = environment(env, baseUrl, targetVersion, runId);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("environment.properties"), properties(environment));
            Files.writeString(dir.resolve("categories.json"), Verdict.categoriesJson());
            String executor = executor(runId, env);
            Files.writeString(dir.resolve("executor.json"), executor);
            // allure-maven writes its own executor.json over this one: bin/report puts the copy back.
            Files.writeString(dir.resolve("harness-executor.json"), executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure environment into " + dir, e);
        }
    }

    /**
     * The environment again at the end of the run, with the summary's lines: counts by verdict,
     * requests, coverage. The overview's Environment widget shows them; the full summary and the
     * coverage table are in {@code target/} and {@code bin/report} puts them beside the report.
     */
    public static void writeSummary(Path dir, String env, String baseUrl, String targetVersion, String runId,
                                    Map<String, String> summary) {
        // The summary first: the widget shows its first rows and hides the rest behind "Show all"; the
        // coverage per endpoint ("coverage: ..." keys) last.
        Map<String, String> environment = new LinkedHashMap<>();
        summary.forEach((k, v) -> {
            if (!k.startsWith("coverage: ")) {
                environment.put(k, v);
            }
        });
        environment(env, baseUrl, targetVersion, runId).forEach(environment::putIfAbsent);
        summary.forEach(environment::putIfAbsent);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("environment.properties"), properties(environment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run summary into " + dir, e);
        }
    }

    private static Map<String, String> environment(String env, String baseUrl, String targetVersion, String runId) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("env", env);
        environment.put("base.url", baseUrl);
        environment.put("target.version", targetVersion);
        environment.put("run.id", runId);
        ci("GITHUB_SHA").ifPresent(sha -> environment.put("commit", sha));
        ci("GITHUB_RUN_ID").ifPresent(id -> environment.put("ci.run", ci("GITHUB_SERVER_URL").orElse("") + "/"
                + ci("GITHUB_REPOSITORY").orElse("") + "/actions/runs/" + id));
        environment.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        environment.put("harness.version", System.getProperty("harness.version", "dev"));
        return environment;
    }

    private static String properties(Map<String, String> environment) {
        StringBuilder properties = new StringBuilder();
        environment.forEach((k, v) -> properties.append(k.replace(" ", "\\ ").replace(":", "\\:")).append('=')
                .append(v.replace("\\", "\\\\").replace("\n", " ")).append('\n'));
        return properties.toString();
    }

    /**
     * Allure's executor: on GitHub Actions the workflow run (link, run number, commit), elsewhere
     * the machine's Maven run; the report name carries the run id either way.
     */
    static String executor(String runId, String env) {
        Optional<String> runIdOfCi = ci("GITHUB_RUN_ID");
        String server = ci("GITHUB_SERVER_URL").orElse("https://github.com");
        String repository = ci("GITHUB_REPOSITORY").orElse("");
        String commit = ci("GITHUB_SHA").map(sha -> sha.length() > 7 ? sha.substring(0, 7) : sha).orElse(null);
        Map<String, Object> executor = new LinkedHashMap<>();
        if (runIdOfCi.isPresent()) {
            executor.put("name", "GitHub Actions");
            executor.put("type", "github");
            executor.put("url", server + "/" + repository);
            ci("GITHUB_RUN_NUMBER").filter(n -> n.matches("\\d+")).ifPresent(n -> executor.put("buildOrder", Long.parseLong(n)));
            executor.put("buildName", ci("GITHUB_WORKFLOW").orElse("workflow") + " #" + ci("GITHUB_RUN_NUMBER").orElse(runIdOfCi.get())
                    + (commit == null ? "" : " @ " + commit) + " (run " + runId + ")");
            executor.put("buildUrl", server + "/" + repository + "/actions/runs/" + runIdOfCi.get());
        } else {
            executor.put("name", "Maven");
            executor.put("type", "maven");
            executor.put("buildName", "run " + runId + (commit == null ? "" : " @ " + commit));
        }
        executor.put("reportName", "Contract run " + runId + " (env " + env + ")");
        StringBuilder json = new StringBuilder("{");
        executor.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(v instanceof Number ? v.toString() : "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return json.append("}\n").toString();
    }

    private static Optional<String> ci(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
    }
}
