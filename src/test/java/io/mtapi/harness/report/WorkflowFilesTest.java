package io.mtapi.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The GitHub Actions workflows parse as YAML and have the jobs the pipeline relies on. */
@Tag("selftest")
@DisplayName("GitHub Actions workflows")
class WorkflowFilesTest {

    private static final Path WORKFLOWS = Path.of(System.getProperty("harness.projectDir", "."), ".github", "workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void ciRunsReadmesTwoCommandsOnPushAndPullRequest() throws IOException {
        JsonNode ci = YAML.readTree(WORKFLOWS.resolve("ci.yml").toFile());

        assertThat(ci.path("on").has("push")).as("ci.yml runs on push").isTrue();
        assertThat(ci.path("on").has("pull_request")).as("ci.yml runs on pull_request").isTrue();
        assertThat(runCommands(ci)).contains("./mvnw -B test", "./mvnw -B test -Pselftest");
    }

    @Test
    void contractWorkflowShardsByEnvironmentAndTagAndGatesAtTheEnd() throws IOException {
        JsonNode contract = YAML.readTree(WORKFLOWS.resolve("contract.yml").toFile());

        assertThat(contract.path("on").has("workflow_dispatch")).as("manual trigger").isTrue();
        assertThat(contract.path("on").has("workflow_call")).as("callable from a deploy pipeline").isTrue();
        JsonNode matrix = contract.path("jobs").path("shard").path("strategy").path("matrix");
        assertThat(matrix.path("tag").isArray()).as("shards by tag").isTrue();
        List<String> tags = new ArrayList<>();
        matrix.path("tag").forEach(t -> tags.add(t.asText()));
        assertThat(tags).contains("auth", "users", "tenant_isolation", "files", "pagination", "rate_limit", "rbac");
        assertThat(matrix.path("env").asText()).as("environments matrix").contains("dev").contains("stage");
        assertThat(contract.path("jobs").path("gate").path("needs").asText()).isEqualTo("shard");
        assertThat(runCommands(contract)).anyMatch(c -> c.contains("bin/gate"))
                .anyMatch(c -> c.contains("allure:report"));
    }

    @Test
    void everyWorkflowFileParses() throws IOException {
        try (var files = Files.list(WORKFLOWS)) {
            for (Path file : files.toList()) {
                JsonNode workflow = YAML.readTree(file.toFile());
                assertThat(workflow.path("jobs").isObject()).as("%s has jobs", file.getFileName()).isTrue();
                workflow.path("jobs").forEach(job -> assertThat(job.path("steps").isArray() || job.has("uses"))
                        .as("every job of %s has steps", file.getFileName()).isTrue());
            }
        }
    }

    private static List<String> runCommands(JsonNode workflow) {
        List<String> commands = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                commands.addAll(step.path("run").asText().lines().map(String::trim).toList());
            }
        }));
        return commands;
    }
}
