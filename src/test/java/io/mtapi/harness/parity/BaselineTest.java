package io.mtapi.harness.parity;

import io.mtapi.harness.config.ConfigLoader;
import io.mtapi.harness.config.Secrets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a parity run's baseline side is configured, and the parity keys of an environment. */
@Tag("selftest")
@DisplayName("Parity baseline and settings")
class BaselineTest {

    private static final Path PROJECT_CONFIG = Path.of(System.getProperty("harness.projectDir", "."), "config");

    @Test
    @DisplayName("The baseline reads its secrets from API_BASELINE_*, like the candidate's API_*, and never the candidate's")
    void baselineSecretsAreItsOwn() {
        Map<String, String> env = Map.of("API_JWT_SECRET", "candidate-secret", "API_ADMIN_USERNAME", "qa-admin",
                "API_ADMIN_PASSWORD", "candidate-pw", "API_BASELINE_JWT_SECRET", "baseline-secret",
                "API_BASELINE_USERS_INITIAL_PASSWORD", "first-login-pw");

        Secrets candidate = new ConfigLoader(PROJECT_CONFIG, env, key -> Optional.empty()).load().secrets();
        Secrets baseline = new ConfigLoader(PROJECT_CONFIG, env, key -> key.equals(ConfigLoader.SECRETS_PREFIX_PROPERTY)
                ? Optional.of(Baseline.SECRETS_PREFIX) : Optional.empty()).load().secrets();

        assertThat(candidate.jwtSecret()).contains("candidate-secret");
        assertThat(candidate.initialPassword()).as("the baseline's initial password, seen by the candidate").isEmpty();
        assertThat(baseline.jwtSecret()).contains("baseline-secret");
        assertThat(baseline.initialPassword()).contains("first-login-pw");
        assertThat(baseline.hasAdminCredentials()).as("the candidate's admin, seen by the baseline").isFalse();
    }

    @Test
    @DisplayName("An embedded baseline is a fault-free, steady reference; baseline.<key> settings apply to the baseline only")
    void embeddedBaselineParameters() {
        Map<String, String> candidate = Map.of("reference.faults", "USERS_DELETE_IS_HARD_DELETE", "reference.flaky.latency", "1s",
                "api.timeouts.read", "10s", "baseline.reference.bcryptCost", "5", "junit.jupiter.execution.parallel.enabled", "true");

        Map<String, String> baseline = Baseline.parameters(candidate, Baseline.EMBEDDED, Path.of("out"));

        assertThat(baseline).containsEntry("env", "embedded").containsEntry("api.baseUrl", "")
                .containsEntry("reference.faults", "").containsEntry("reference.flaky.latency", "0ms")
                .containsEntry("api.timeouts.read", "10s").containsEntry("reference.bcryptCost", "5")
                .containsEntry("parity.baseline", "").containsEntry("parity.side", "baseline")
                .containsEntry("harness.secretsPrefix", "API_BASELINE_")
                .containsEntry("parity.recording", Path.of("out", "recording.json").toString())
                .doesNotContainKeys("baseline.reference.bcryptCost", "junit.jupiter.execution.parallel.enabled");
        assertThat(Baseline.parameters(candidate, "https://prod.example.com", Path.of("out")))
                .containsEntry("api.baseUrl", "https://prod.example.com").containsEntry("reference.faults", "USERS_DELETE_IS_HARD_DELETE");
        assertThat(Baseline.invalid("prod.example.com")).get().asString().contains("parity.baseline", "API_PARITY_BASELINE");
        assertThat(Baseline.invalid("http://10.0.0.1:8000")).isEmpty();
    }

    @Test
    @DisplayName("Parity keys: defaults of base.conf, the embedded floor, accepted differences each with a reason")
    void paritySettings(@TempDir Path dir) throws IOException {
        ParitySettings defaults = settings(PROJECT_CONFIG, "dev");
        assertThat(defaults.maxLatencyRatio()).isEqualTo(1.5);
        assertThat(defaults.minDifference()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings(PROJECT_CONFIG, "embedded").minDifference()).isEqualTo(Duration.ofSeconds(1));

        Files.copy(PROJECT_CONFIG.resolve("base.conf"), dir.resolve("base.conf"));
        Files.writeString(dir.resolve("ok.conf"), """
                include "base.conf"
                api.baseUrl = "http://x.example"
                parity.accepted = [{ endpoint = "*", aspect = "WWW-Authenticate", candidate = "Bearer realm=\\"api\\"",
                                     reason = "the rewrite names its realm" }]
                """);
        assertThat(settings(dir, "ok").accepted()).singleElement().satisfies(a -> {
            assertThat(a.endpoint()).isEqualTo("*");
            assertThat(a.candidate()).contains("Bearer realm=\"api\"");
        });
        Files.writeString(dir.resolve("noreason.conf"), """
                include "base.conf"
                api.baseUrl = "http://x.example"
                parity.accepted = [{ endpoint = "GET /api/v1/users", aspect = "status" }]
                """);
        assertThatThrownBy(() -> settings(dir, "noreason")).hasMessageContaining("has no reason")
                .hasMessageContaining("noreason.conf");
        Files.writeString(dir.resolve("badaspect.conf"), """
                include "base.conf"
                api.baseUrl = "http://x.example"
                parity.accepted = [{ endpoint = "GET /api/v1/users", aspect = "body", reason = "r" }]
                """);
        assertThatThrownBy(() -> settings(dir, "badaspect")).hasMessageContaining("aspect must be one of");
    }

    private static ParitySettings settings(Path configDir, String env) {
        return ParitySettings.from(new ConfigLoader(configDir, Map.of(), key -> Optional.empty()).layered(env), env);
    }
}
