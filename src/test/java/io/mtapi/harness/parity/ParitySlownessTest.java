package io.mtapi.harness.parity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reference 2 s slower per call than its baseline is caught as slower endpoints. The slow side mostly
 * sleeps (its target waits before every answer), so this class is not isolated: it overlaps the other
 * self-tests, whose load only makes its baseline slower, and 2 s is twice the embedded latency floor
 * (parity.latency.minDifference = 1s). That an identical reference is not found slower is
 * {@link ParitySelfTest}'s claim, made where no other self-test runs.
 */
@Tag("selftest")
@DisplayName("Parity runs: a slow candidate")
class ParitySlownessTest {

    private static final String SLOWNESS = "2s";
    /** The smoke class with the most calls made side by side: 6 uploads, downloads and deletions. */
    private static final String CLASS = "io.mtapi.harness.suites.files.FileTransferTest";

    @Test
    @DisplayName("A reference " + SLOWNESS + " slower per call is caught as slower endpoints; without comparing latency, nothing is")
    void slownessIsCaught() {
        CompletableFuture<Side> baseline = SmokeSides.start("slow-baseline", "baseline", Map.of(),
                List.of(DiscoverySelectors.selectClass(CLASS)));
        CompletableFuture<Side> slow = SmokeSides.start("slow", "candidate", Map.of("reference.flaky.latency", SLOWNESS),
                List.of(DiscoverySelectors.selectClass(CLASS)));
        ParitySettings settings = SmokeSides.settings();

        ParityResult result = Comparison.of(baseline.join(), slow.join(), settings, Comparison.Parts.ALL);
        SmokeSides.report("slow", result);

        assertThat(result.slowerEndpoints()).as("endpoints slower on a reference with " + SLOWNESS + " of latency").isNotEmpty();
        assertThat(result.slowestRatio()).as("slowest endpoint ratio").isGreaterThan(settings.maxLatencyRatio());
        assertThat(result.gateFailures()).as("gate failures").isNotEmpty().allMatch(f -> f.startsWith("slower endpoint: "));
        assertThat(result.compared()).as("tests judged on both sides").isPositive().isEqualTo(result.tests().size());

        ParityResult latencyOff = Comparison.of(result.baseline(), result.candidate(), settings, Comparison.Parts.ALL.withoutLatency());
        assertThat(latencyOff.slowerEndpoints()).as("slower endpoints with latency not compared").isEmpty();
        assertThat(latencyOff.gateFailures()).as("gate failures with latency not compared").isEmpty();
    }
}
