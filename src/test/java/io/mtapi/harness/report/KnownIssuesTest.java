package io.mtapi.harness.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The known-issues list gates as README says: with a fault on and the failing test on
 * the list, the run reports it as known and the gate status has no failure (exit 0);
 * without the entry, the same run has a contract violation (exit 1); a listed test that
 * passes is flagged "fixed?"; an entry naming no test stops the run.
 */
@Tag("selftest")
@DisplayName("Known issues")
class KnownIssuesTest {

    private static final Path PROJECT_CONFIG = Path.of(System.getProperty("harness.projectDir", "."), "config").toAbsolutePath();
    private static final String SUITE = "io.mtapi.harness.suites.isolation.CrossTenantListingTest";
    private static final String TEST = SUITE + "#listingsAndCountsIgnoreAnotherTenantsAdditions";
    private static final String FAULT = "ISOLATION_USER_COUNT_ALL_TENANTS";

    @Test
    void listedFailureIsKnownAndDoesNotFailTheGate(@TempDir Path dir) throws IOException {
        EngineExecutionResults results = run(dir, TEST, FAULT);

        assertThat(results.testEvents().failed().count()).as("failed tests").isZero();
        assertThat(results.testEvents().aborted().stream().map(e -> e.getPayload().orElseThrow().toString()))
                .as("the listed test, reported as known").singleElement().asString()
                .contains("KNOWN ISSUE https://tracker.example.com/API-7");
        assertThat(status(dir)).contains("failures=0", "known=1", "broken=false");
    }

    @Test
    void sameFailureWithoutTheEntryIsAContractViolation(@TempDir Path dir) throws IOException {
        EngineExecutionResults results = run(dir, null, FAULT);

        assertThat(results.testEvents().failed().count()).as("failed tests").isEqualTo(1);
        assertThat(status(dir)).contains("failures=1", "known=0");
    }

    @Test
    void listedTestThatPassesIsFlaggedFixed(@TempDir Path dir) throws IOException {
        EngineExecutionResults results = run(dir, TEST, "");

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out").resolve("run-summary.md")))
                .contains("FIXED? known issue passed, remove it from the list: " + TEST);
    }

    @Test
    void entryNamingNoTestStopsTheRun(@TempDir Path dir) throws IOException {
        EngineExecutionResults results = run(dir, SUITE + "#noSuchTest", "");

        assertThat(results.containerEvents().failed().stream().map(e -> e.getPayload().orElseThrow().toString()))
                .singleElement().asString().contains("names a test that does not exist", "noSuchTest");
        assertThat(results.testEvents().started().count()).isZero();
    }

    private static EngineExecutionResults run(Path dir, String knownTest, String faults) throws IOException {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        String entry = knownTest == null ? "[]" : "[{ test = \"" + knownTest + "\", "
                + "ticket = \"https://tracker.example.com/API-7\", reason = \"counts all tenants until 2.5\" }]";
        Files.writeString(configDir.resolve("known.conf"), "include file(\"" + PROJECT_CONFIG.resolve("embedded.conf")
                + "\")\nknownIssues = " + entry + "\n");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("env", "known", "harness.configDir", configDir.toString(),
                        "reference.faults", faults, "harness.outputDir", dir.resolve("out").toString()))
                .selectors(selectClass(SUITE))
                .execute();
    }

    private static String status(Path dir) throws IOException {
        return Files.readString(dir.resolve("out").resolve("harness-status.properties"));
    }
}
