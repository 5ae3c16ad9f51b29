package io.mtapi.harness.matrix;

import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First contact with deployments the harness has never seen: the reference target plays the
 * choices real deployments make (CONTRACT.md 2 and 7a), and a contract run against it must end
 * with 0 errors and nothing failed that the deployment did right. The whole contract runs where the
 * choice touches every test; elsewhere the suites it affects.
 */
@Tag("selftest")
@Execution(ExecutionMode.SAME_THREAD) // each run keeps 8 threads busy: one at a time
@DisplayName("First contact: deployments the harness has never seen")
class FirstContactTest {

    private static final Logger LOG = LoggerFactory.getLogger(FirstContactTest.class);

    @Test
    @DisplayName("(a) A target that answers every upgrade request with 400 (uvicorn 0.17): the whole contract passes")
    void upgradeRequestsRefused(@TempDir Path out) {
        SuiteRun.Outcome outcome = SuiteRun.run(null, Map.of("reference.http.rejectUpgrade", "true",
                "harness.outputDir", out.toString()));

        report("(a) upgrade requests refused", outcome);
        assertThat(outcome.testsRun()).as("contract tests run").isGreaterThan(400);
        assertThat(outcome.errors()).as("errors").isEmpty();
        assertThat(outcome.failures()).as("failures against a target that refuses upgrades").isEmpty();
    }

    private static void report(String run, SuiteRun.Outcome outcome) {
        String text = run + ": " + outcome.counts() + " in " + outcome.elapsed().toSeconds() + " s";
        LOG.info("{}", text);
        Allure.addAttachment(run, "text/plain", text + "\n" + String.join("\n", outcome.failures()) + "\n"
                + String.join("\n", outcome.skipped()), ".txt");
    }
}
