package io.mtapi.harness.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/load} end to end against the embedded reference: Maven, Gatling, provisioning, the load,
 * clean-up and the verdict. Isolated: no other self-test shares the two cores while it measures, and the
 * thresholds of {@code config/embedded.conf} are wide (p95 1 s; see there) so that the passing run holds
 * on a loaded machine and the failing one (2 s added to every request) cannot pass.
 */
@Tag("selftest")
@Isolated("measures latency: the two cores are its own while it runs")
@DisplayName("bin/load")
class LoadScriptTest {

    private static final Path PROJECT = Path.of(System.getProperty("harness.projectDir", "."));
    private static final Path LOAD = PROJECT.resolve("bin").resolve("load");

    @Test
    @DisplayName("bin/load steady against the reference passes, prints the summary, keeps Gatling's report and records a baseline")
    void steadyAgainstTheReferencePasses(@TempDir Path baselines) throws Exception {
        Run run = run("steady-passes", List.of("steady", "--record-baseline", "-Dload.regression.baselineDir=" + baselines), null);

        assertThat(run.exit).as("bin/load steady exit code; output:\n%s", run.tail()).isZero();
        assertThat(run.output).contains("PASS (exit 0)", "Plan: 4 tenants x 3 callers (admin and members)",
                "leftovers: 0", "HTML report (Gatling): ");
        for (Endpoint endpoint : List.of(Endpoint.LIST_USERS, Endpoint.PAGE_USERS, Endpoint.GET_USER, Endpoint.UPDATE_USER,
                Endpoint.UPLOAD_FILE, Endpoint.DOWNLOAD_FILE, Endpoint.DELETE_FILE, Endpoint.REFRESH_TOKEN)) {
            assertThat(run.output).as("a summary line for %s", endpoint).containsPattern("(?m)^" + java.util.regex.Pattern.quote(endpoint.requestName()) + " +\\d+ ");
        }
        String report = run.output.substring(run.output.indexOf("HTML report (Gatling): ") + 23).lines().findFirst().orElseThrow();
        assertThat(Path.of(report)).as("Gatling's HTML report").isRegularFile();
        // Callers carry access and refresh tokens through the whole run: none may reach a log or a result.
        Path runDir = Path.of(report).getParent();
        for (Path written : List.of(runDir.resolve("simulation.log"), Path.of(report), PROJECT.resolve("target/load/run.json"),
                PROJECT.resolve("target/load/summary.md"))) {
            assertThat(new String(Files.readAllBytes(written), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("no JWT in %s", written).doesNotContain("eyJ");
        }
        assertThat(run.output).as("no JWT in bin/load's output").doesNotContain("eyJ");
        JsonNode baseline = new ObjectMapper().readTree(baselines.resolve("embedded.json").toFile());
        assertThat(baseline.at("/workloads/steady/endpoints").has(Endpoint.GET_USER.requestName())).as("baseline written").isTrue();
    }

    @Test
    @DisplayName("with 2 s added to every request, bin/load steady exits 1 and names the endpoints above their p95 threshold")
    void addedLatencyAboveTheP95ThresholdFailsNamingTheEndpoint() throws Exception {
        // The smallest plan, one admin and nothing else: with 2 s per request every call of provisioning and
        // clean-up is slow too.
        Run run = run("steady-with-latency-fails", List.of("steady", "-Dreference.flaky.latency=2s", "-Dload.steady.tenants=1",
                "-Dload.steady.callersPerTenant=1", "-Dload.steady.dataUsersPerTenant=0", "-Dload.steady.rampUp=1s",
                "-Dload.steady.duration=2s"), null);

        assertThat(run.exit).as("bin/load exit code; output:\n%s", run.tail()).isEqualTo(1);
        assertThat(run.output).contains("FAIL (exit 1)",
                "GET /api/v1/users/{id}: p95 latency above its threshold of 1000 ms",
                "POST /api/v1/files/upload: p95 latency above its threshold of 1000 ms",
                "load: exit 1: ");
    }

    @Test
    @DisplayName("a target that keys its rate limit per tenant answers the paced load with 429s: bin/load exits 1 and names them")
    void rateLimitKeyedPerTenantIsFoundAs429s() throws Exception {
        // Six callers of one tenant, two iterations each inside one 30 s window: twelve uploads on a budget of ten
        // that this fault shares across the tenant, however slowly the machine runs them.
        Run run = run("steady-with-per-tenant-limit-fails", List.of("steady", "-Dreference.faults=RATE_LIMIT_KEYED_PER_TENANT",
                "-Dapi.rateLimit.window=30s", "-Dload.steady.tenants=1", "-Dload.steady.callersPerTenant=6",
                "-Dload.steady.dataUsersPerTenant=1", "-Dload.steady.rampUp=1s", "-Dload.steady.duration=7s"), null);

        assertThat(run.exit).as("bin/load exit code; output:\n%s", run.tail()).isEqualTo(1);
        assertThat(run.output).contains("POST /api/v1/files/upload: 429 Too Many Requests on paced calls (expected 0)");
    }

    @ParameterizedTest(name = "status [{0}], Maven exit {1} -> bin/load exit {2}")
    @CsvSource(delimiter = ';', value = {
            "outcome=pass|exit=0|breaches=0; 0; 0",
            "outcome=fail|exit=1|breaches=3|reason=GET /api/v1/users/{id}: p95 latency above its threshold of 300 ms; 0; 1",
            "outcome=broken|exit=2|breaches=0|reason=Target refused the connection; 0; 2",
            "NONE; 1; 2"
    })
    void exitCodeFollowsTheReportStatus(String status, int mavenExit, int expected, @TempDir Path dir) throws Exception {
        Path fakeMaven = dir.resolve("fake-mvn");
        String write = status.equals("NONE") ? "" : "printf '%s\\n' " + quoted(status.split("\\|")) + " > '"
                + dir.resolve(LoadVerdict.STATUS_FILE) + "'\n";
        Files.writeString(fakeMaven, "#!/usr/bin/env bash\n" + write + "exit " + mavenExit + "\n");
        Files.setPosixFilePermissions(fakeMaven, PosixFilePermissions.fromString("rwx------"));

        Run run = run(null, List.of("steady"), new String[] {"HARNESS_MVN", fakeMaven.toString(), "HARNESS_LOAD_OUT", dir.toString()});

        assertThat(run.exit).as("bin/load exit for status [%s]; output: %s", status, run.output).isEqualTo(expected);
    }

    private static String quoted(String[] lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append("'").append(line).append("' ");
        }
        return out.toString();
    }

    private record Run(int exit, String output) {
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    /** Runs bin/load; a named run keeps its output in target/load-selftest/NAME.log for whoever reads a red CI. */
    private static Run run(String name, List<String> args, String[] environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LOAD.toString()));
        command.addAll(args);
        Path logs = Files.createDirectories(PROJECT.resolve("target").resolve("load-selftest"));
        Path log = name == null ? Files.createTempFile(logs, "exit-code-", ".log") : logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        for (int i = 0; environment != null && i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("bin/load did not finish within 5 minutes; output:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        if (name == null) {
            Files.delete(log);
        }
        return new Run(process.exitValue(), output);
    }
}
