package io.mtapi.harness.matrix;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a flaky target (a tenth of all requests answered 503 before processing, one in twenty
 * connections dropped without an answer, before or after processing, added latency) retries
 * and recoveries keep the suites correct: green on the fault-free reference, and still red on
 * a fault. Mutation-checked: without retries the green run fails (I/O errors), and without
 * recoveries it fails too (no POST recovered; the lost answers abort tests instead).
 */
@Tag("selftest")
@DisplayName("Flaky target")
class FlakyTargetTest {

    private static final Map<String, String> FLAKY = Map.of(
            "reference.flaky.serviceUnavailableRate", "0.1",
            "reference.flaky.droppedConnectionRate", "0.05",
            "reference.flaky.latency", "5ms",
            "api.retries.attempts", "6");

    @Test
    void suitesStayGreenOnAFlakyFaultFreeTarget(@TempDir Path out) throws IOException {
        SuiteRun.Outcome outcome = SuiteRun.run("users | tenant_isolation", with(out, ""));

        assertThat(outcome.testsRun()).isPositive();
        assertThat(outcome.failures()).as("failures on a flaky but correct target").isEmpty();
        Properties status = status(out);
        assertThat(Long.parseLong(status.getProperty("retries"))).as("retries the flakiness caused").isPositive();
        assertThat(Long.parseLong(status.getProperty("recoveredPosts")))
                .as("POSTs whose answer a dropped connection lost and whose recovery settled them (adopted or "
                        + "re-sent after a check; %s lost answers aborted their test)", status.getProperty("lostAnswers"))
                .isPositive();
    }

    @Test
    void aFaultIsStillCaughtOnAFlakyTarget(@TempDir Path out) {
        SuiteRun.Outcome outcome = SuiteRun.run("tenant_isolation", with(out, "ISOLATION_USER_GET_NO_TENANT_FILTER"));

        assertThat(outcome.failures()).as("failures with a real defect behind the flakiness").isNotEmpty();
    }

    private static Map<String, String> with(Path out, String faults) {
        var parameters = new java.util.HashMap<>(FLAKY);
        parameters.put("reference.faults", faults);
        parameters.put("harness.outputDir", out.toString());
        return parameters;
    }

    private static Properties status(Path out) throws IOException {
        Properties status = new Properties();
        try (var in = Files.newInputStream(out.resolve("harness-status.properties"))) {
            status.load(in);
        }
        return status;
    }
}
