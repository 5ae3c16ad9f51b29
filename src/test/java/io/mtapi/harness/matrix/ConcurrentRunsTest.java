package io.mtapi.harness.matrix;

import io.mtapi.harness.reference.ReferenceSettings;
import io.mtapi.harness.reference.ReferenceTarget;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs started at the same moment against the same deployment do not disturb each
 * other: every name carries the run id and a counter, and each run cleans up only what
 * it created.
 */
@Tag("selftest")
@DisplayName("Concurrent runs against one target")
class ConcurrentRunsTest {

    @Test
    void twoRunsAtOnceAgainstOneTargetBothPassAndLeaveNothingBehind(@TempDir Path dir) throws IOException {
        try (ReferenceTarget shared = ReferenceTarget.start(ReferenceSettings.defaults()
                .withRateLimit(10, Duration.ofSeconds(3)))) {
            Map<String, String> common = Map.of("env", "dev", "api.baseUrl", shared.baseUrl(),
                    "api.rateLimit.window", "3s");
            CompletableFuture<SuiteRun.Outcome> first = CompletableFuture.supplyAsync(() -> SuiteRun.runAgainst(
                    "tier1", with(common, "harness.outputDir", dir.resolve("first").toString())));
            CompletableFuture<SuiteRun.Outcome> second = CompletableFuture.supplyAsync(() -> SuiteRun.runAgainst(
                    "tier1", with(common, "harness.outputDir", dir.resolve("second").toString())));

            for (SuiteRun.Outcome outcome : List.of(first.join(), second.join())) {
                assertThat(outcome.testsRun()).isPositive();
                assertThat(outcome.failures()).as("failures of one of two concurrent runs").isEmpty();
            }
            for (String run : List.of("first", "second")) {
                String summary = Files.readString(dir.resolve(run).resolve("run-summary.md"));
                assertThat(summary).as("summary of the %s run", run).contains("429s 0").contains("leftovers 0");
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
