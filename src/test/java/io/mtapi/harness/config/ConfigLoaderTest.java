package io.mtapi.harness.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("selftest")
@DisplayName("Layered configuration")
class ConfigLoaderTest {

    private static final Path PROJECT_CONFIG = Path.of(System.getProperty("harness.projectDir", "."), "config");
    private static final Function<String, Optional<String>> NO_PROPERTIES = key -> Optional.empty();

    @Test
    void embeddedIsTheDefaultEnvironmentAndStartsTheReferenceTarget() {
        HarnessConfig config = new ConfigLoader(PROJECT_CONFIG, Map.of(), NO_PROPERTIES).load();

        assertThat(config.env()).isEqualTo("embedded");
        assertThat(config.startsEmbeddedTarget()).isTrue();
        assertThat(config.rateLimitBudget()).isEqualTo(10);
        assertThat(config.maxFileBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.allowedTypes()).contains("image/png", "text/csv").hasSize(6);
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void environmentVariableOverridesTheFileAndSystemPropertyOverridesBoth() {
        Map<String, String> env = Map.of("API_RATE_LIMIT_BUDGET", "7", "API_RATE_LIMIT_WINDOW", "5s",
                "API_ENV", "dev");

        HarnessConfig fromEnv = new ConfigLoader(PROJECT_CONFIG, env, NO_PROPERTIES).load();
        HarnessConfig fromProperty = new ConfigLoader(PROJECT_CONFIG, env,
                key -> key.equals("api.rateLimit.budget") ? Optional.of("3") : Optional.empty()).load();

        assertThat(fromEnv.env()).isEqualTo("dev");
        assertThat(fromEnv.rateLimitBudget()).isEqualTo(7);
        assertThat(fromEnv.rateLimitWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromProperty.rateLimitBudget()).isEqualTo(3);
    }

    @Test
    void systemPropertyEnvBeatsTheApiEnvVariable() {
        HarnessConfig config = new ConfigLoader(PROJECT_CONFIG, Map.of("API_ENV", "stage", "API_BASE_URL", "https://x.example"),
                key -> key.equals("env") ? Optional.of("dev") : Optional.empty()).load();

        assertThat(config.env()).isEqualTo("dev");
        assertThat(config.baseUrl()).contains(URI.create("https://x.example"));
    }

    @Test
    void baseUrlFromPropertyPointsAnEnvironmentAtAnExternalTarget() {
        HarnessConfig config = new ConfigLoader(PROJECT_CONFIG, Map.of(),
                key -> Map.of("env", "dev", "api.baseUrl", "http://127.0.0.1:9999/").entrySet().stream()
                        .filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst()).load();

        assertThat(config.startsEmbeddedTarget()).isFalse();
        assertThat(config.baseUrl()).contains(URI.create("http://127.0.0.1:9999"));
    }

    @Test
    void listKeysTakeCommaSeparatedOverrides() {
        HarnessConfig config = new ConfigLoader(PROJECT_CONFIG, Map.of("API_FILES_ALLOWED_TYPES", "text/plain, image/png"),
                NO_PROPERTIES).load("embedded");

        assertThat(config.allowedTypes()).containsExactly("text/plain", "image/png");
    }

    @Test
    void unknownEnvironmentListsTheKnownOnes() {
        assertThatThrownBy(() -> new ConfigLoader(PROJECT_CONFIG, Map.of(), NO_PROPERTIES).load("qa"))
                .isInstanceOf(HarnessConfigException.class)
                .hasMessageContaining("Unknown environment 'qa'")
                .hasMessageContaining("Known environments: [dev, embedded, prod, stage]");
    }

    @Test
    void malformedValueNamesTheKeyAndTheVariableThatSetIt() {
        assertThatThrownBy(() -> new ConfigLoader(PROJECT_CONFIG, Map.of("API_RATE_LIMIT_BUDGET", "ten"), NO_PROPERTIES)
                .load("embedded"))
                .isInstanceOf(HarnessConfigException.class)
                .hasMessageContaining("api.rateLimit.budget")
                .hasMessageContaining("environment variable API_RATE_LIMIT_BUDGET");
    }

    @Test
    void nonPositiveBudgetIsRejectedWithItsOrigin() {
        assertThatThrownBy(() -> new ConfigLoader(PROJECT_CONFIG, Map.of(),
                key -> key.equals("api.rateLimit.budget") ? Optional.of("0") : Optional.empty()).load("embedded"))
                .isInstanceOf(HarnessConfigException.class)
                .hasMessageContaining("'api.rateLimit.budget'")
                .hasMessageContaining("system property -Dapi.rateLimit.budget")
                .hasMessageContaining("must be a positive integer");
    }

    @Test
    void missingKeyNamesTheKeyAndEveryPlaceLookedAt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.conf"), "api { baseUrl = \"http://localhost:1\" }\n");

        assertThatThrownBy(() -> new ConfigLoader(dir, Map.of(), NO_PROPERTIES).load("broken"))
                .isInstanceOf(HarnessConfigException.class)
                .hasMessageContaining("api.embedded")
                .hasMessageContaining("broken.conf")
                .hasMessageContaining("environment variable API_EMBEDDED")
                .hasMessageContaining("system property -Dapi.embedded");
    }

    @Test
    void stageWithoutUrlSaysWhichVariableToSet() {
        assertThatThrownBy(() -> new ConfigLoader(PROJECT_CONFIG, Map.of(), NO_PROPERTIES).load("stage"))
                .isInstanceOf(HarnessConfigException.class)
                .hasMessageContaining("'api.baseUrl' is empty for environment 'stage'")
                .hasMessageContaining("API_BASE_URL");
    }

    @Test
    void urlThatIsNotHttpIsRejected() {
        assertThatThrownBy(() -> new ConfigLoader(PROJECT_CONFIG, Map.of("API_BASE_URL", "ftp://host"), NO_PROPERTIES)
                .load("dev"))
                .isInstanceOf(HarnessConfigException.class)
                .hasMessageContaining("'api.baseUrl'")
                .hasMessageContaining("must be an http(s) URL");
    }

    @Test
    void secretsComeFromTheEnvironmentAndNeverPrint() {
        HarnessConfig config = new ConfigLoader(PROJECT_CONFIG,
                Map.of("API_JWT_SECRET", "s3cret-value-that-is-long-enough-000", "API_ADMIN_USERNAME", "ops",
                        "API_ADMIN_PASSWORD", "hunter2hunter2"), NO_PROPERTIES).load("embedded");

        assertThat(config.secrets().jwtSecret()).contains("s3cret-value-that-is-long-enough-000");
        assertThat(config.secrets().hasAdminCredentials()).isTrue();
        assertThat(config.toString()).doesNotContain("s3cret", "hunter2", "ops");
    }

    @Test
    void configFilesHoldNoSecrets() throws IOException {
        List<String> secretKeys = List.of("password", "secret", "token");
        try (var files = Files.list(PROJECT_CONFIG)) {
            for (Path file : files.toList()) {
                String content = Files.readString(file).toLowerCase();
                for (String key : secretKeys) {
                    assertThat(content).as("%s must not set a %s (secrets come from environment variables)", file, key)
                            .doesNotContainPattern("(?m)^\\s*\\w*" + key + "\\w*\\s*[=:]");
                }
            }
        }
    }

    @Test
    void envNamesFollowTheKeyPath() {
        assertThat(ConfigLoader.envName("api.baseUrl")).isEqualTo("API_BASE_URL");
        assertThat(ConfigLoader.envName("api.rateLimit.budget")).isEqualTo("API_RATE_LIMIT_BUDGET");
        assertThat(ConfigLoader.envName("reference.bcryptCost")).isEqualTo("REFERENCE_BCRYPT_COST");
    }
}
