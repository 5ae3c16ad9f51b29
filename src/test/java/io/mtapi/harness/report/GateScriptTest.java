package io.mtapi.harness.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/gate} maps a run's status to the pipeline exit codes README documents. */
@Tag("selftest")
@DisplayName("Gate exit codes")
class GateScriptTest {

    private static final Path GATE = Path.of(System.getProperty("harness.projectDir", "."), "bin", "gate");

    @ParameterizedTest(name = "status [{0}], Maven exit {1} -> gate exit {2}")
    @CsvSource(delimiter = ';', value = {
            "failures=0|known=0|broken=false; 0; 0",
            "failures=0|known=2|broken=false; 0; 0",
            "failures=3|known=0|broken=false; 1; 1",
            "failures=1|known=1|broken=false; 1; 1",
            "failures=0|known=0|broken=true|reason=Target refused the connection; 1; 2",
            "NONE; 1; 2",
            "failures=0|known=0|broken=false; 1; 2",
            "failures=0|known=0|notJudged=38|broken=false; 0; 0",
            "failures=0|known=0|notJudged=38|requireAll=true|broken=false; 0; 3",
            "failures=0|known=0|notJudged=0|requireAll=true|broken=false; 0; 0",
            "failures=2|known=0|notJudged=38|requireAll=true|broken=false; 1; 1"
    })
    void exitCodeFollowsTheRunStatus(String status, int mavenExit, int expectedGateExit, @TempDir Path dir)
            throws IOException, InterruptedException {
        assertThat(gate(status, mavenExit, dir, List.of()).exit()).as("gate exit code for status [%s] and Maven exit %d",
                status, mavenExit).isEqualTo(expectedGateExit);
    }

    @Test
    void requireAllFlagFailsTheGateOnTestsNotJudgedAndIsNotPassedToMaven(@TempDir Path dir)
            throws IOException, InterruptedException {
        Gate plain = gate("failures=0|known=0|notJudged=38|broken=false", 0, dir, List.of("-Dgroups=rbac"));
        assertThat(plain.exit()).isZero();
        assertThat(plain.output()).contains("not judged: 38 test(s)");

        Gate strict = gate("failures=0|known=0|notJudged=38|broken=false", 0, dir, List.of("--require-all", "-Dgroups=rbac"));
        assertThat(strict.exit()).isEqualTo(3);
        assertThat(strict.output()).contains("38 test(s) not judged").doesNotContain("maven got --require-all");
    }

    private record Gate(int exit, String output) {
    }

    private static Gate gate(String status, int mavenExit, Path dir, List<String> arguments)
            throws IOException, InterruptedException {
        Path statusFile = dir.resolve("harness-status.properties");
        // A stand-in for Maven: writes the status a real run would have written, exits like Maven would.
        Path fakeMaven = dir.resolve("fake-mvn");
        String write = status.equals("NONE") ? "" : "printf '%s\\n' " + String.join(" ", status.split("\\|")) + " > '" + statusFile + "'\n";
        Files.writeString(fakeMaven, "#!/usr/bin/env bash\nfor a in \"$@\"; do [ \"$a\" = --require-all ] && "
                + "echo 'maven got --require-all'; done\n" + write + "exit " + mavenExit + "\n");
        Files.setPosixFilePermissions(fakeMaven, PosixFilePermissions.fromString("rwx------"));

        List<String> command = new java.util.ArrayList<>(List.of("bash", GATE.toString()));
        command.addAll(arguments);
        ProcessBuilder gate = new ProcessBuilder(command).redirectErrorStream(true);
        gate.environment().put("HARNESS_MVN", fakeMaven.toString());
        gate.environment().put("HARNESS_STATUS", statusFile.toString());
        Process process = gate.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("gate finished").isTrue();
        return new Gate(process.exitValue(), output);
    }
}
