package io.mtapi.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Allure report needs beside the results: the environment of the run and the
 * failure categories a reviewer sorts by (contract violation, contract-gap finding,
 * known issue, target or harness broken).
 */
public final class AllureSetup {

    private static final String CATEGORIES = """
            [
              {"name": "Known issues (on the environment's list)", "matchedStatuses": ["skipped"],
               "messageRegex": "(?s).*KNOWN ISSUE.*"},
              {"name": "Target unavailable or harness misconfigured", "matchedStatuses": ["failed", "broken"],
               "messageRegex": "(?s).*(No contract test ran|Config for environment|Config key|Unknown environment|Connect|timed out|Read timed out).*"},
              {"name": "Contract-gap findings", "matchedStatuses": ["failed"],
               "messageRegex": "(?s).*Contract-gap finding.*"},
              {"name": "Contract violations", "matchedStatuses": ["failed"]},
              {"name": "Harness errors (broken tests, missing schema files)", "matchedStatuses": ["broken"]}
            ]
            """;

    private AllureSetup() {
    }

    public static Path resultsDir() {
        return Path.of(System.getProperty("allure.results.directory", "allure-results"));
    }

    public static void write(String env, String baseUrl, String targetVersion, String runId) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("env", env);
        environment.put("base.url", baseUrl);
        environment.put("target.version", targetVersion);
        environment.put("run.id", runId);
        environment.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        environment.put("harness.version", System.getProperty("harness.version", "dev"));
        StringBuilder properties = new StringBuilder();
        environment.forEach((k, v) -> properties.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path dir = resultsDir();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("environment.properties"), properties);
            Files.writeString(dir.resolve("categories.json"), CATEGORIES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure environment into " + dir, e);
        }
    }
}
