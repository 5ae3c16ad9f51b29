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

/** {@code bin/gate} maps a run's status (and a parity run's) to the pipeline exit codes README documents. */
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
        Gate gate = gate(status, "NONE", mavenExit, dir, List.of());
        assertThat(gate.exit()).as("gate exit code for status [%s] and Maven exit %d; output: %s",
                status, mavenExit, gate.output()).isEqualTo(expectedGateExit);
    }

    @Test
    void requireAllFlagFailsTheGateOnTestsNotJudgedAndIsNotPassedToMaven(@TempDir Path dir)
            throws IOException, InterruptedException {
        Gate plain = gate("failures=0|known=0|notJudged=38|broken=false", "NONE", 0, dir, List.of("-Dgroups=rbac"));
        assertThat(plain.exit()).isZero();
        assertThat(plain.output()).contains("not judged: 38 test(s)");

        Gate strict = gate("failures=0|known=0|notJudged=38|broken=false", "NONE", 0, dir, List.of("--require-all", "-Dgroups=rbac"));
        assertThat(strict.exit()).isEqualTo(3);
        assertThat(strict.output()).contains("38 test(s) not judged").doesNotContain("maven got --require-all");
    }

    /** With a baseline the gate asks "worse than the baseline?": tests failing on both sides do not fail it. */
    @ParameterizedTest(name = "parity run: status [{0}], parity [{1}], Maven exit {2} -> gate exit {3}")
    @CsvSource(delimiter = ';', value = {
            "failures=0|broken=false; broken=false|worse=0|summary=Parity: 13 tests compared; 0; 0",
            "failures=2|broken=false; broken=false|worse=0|summary=Parity: 2 both fail; 1; 0",
            "failures=1|broken=false; broken=false|worse=1|summary=Parity: 1 regressions; 1; 1",
            "failures=0|broken=false; broken=false|worse=2|summary=Parity: 2 behaviour differences; 0; 1",
            "failures=0|broken=false; broken=true|reason=the baseline could not run; 0; 2",
            "failures=0|broken=false; broken=false|worse=0|summary=Parity: ok; 1; 2"
    })
    void onAParityRunTheParityStatusDecides(String status, String parity, int mavenExit, int expectedGateExit,
                                            @TempDir Path dir) throws IOException, InterruptedException {
        Gate gate = gate(status, parity, mavenExit, dir, List.of("-Dparity.baseline=http://baseline.example"));

        assertThat(gate.exit()).as("gate exit code for status [%s], parity [%s] and Maven exit %d; output: %s",
                status, parity, mavenExit, gate.output()).isEqualTo(expectedGateExit);
        if (expectedGateExit == 1) {
            assertThat(gate.output()).contains("worse than the baseline", "target/parity.md");
        }
    }

    private record Gate(int exit, String output) {
    }

    /**
     * Runs bin/gate with the arguments over a stand-in for Maven that writes the given run and parity status
     * files ("k=v|k=v", or NONE for no file), says whether it got --require-all, and exits like Maven would.
     */
    private static Gate gate(String status, String parity, int mavenExit, Path dir, List<String> arguments)
            throws IOException, InterruptedException {
        Path statusFile = dir.resolve("harness-status.properties");
        Path parityFile = dir.resolve("parity-status.properties");
        Path fakeMaven = dir.resolve("fake-mvn");
        Files.writeString(fakeMaven, "#!/usr/bin/env bash\nfor a in \"$@\"; do [ \"$a\" = --require-all ] && "
                + "echo 'maven got --require-all'; done\n" + write(status, statusFile) + write(parity, parityFile)
                + "exit " + mavenExit + "\n");
        Files.setPosixFilePermissions(fakeMaven, PosixFilePermissions.fromString("rwx------"));

        List<String> command = new java.util.ArrayList<>(List.of("bash", GATE.toString()));
        command.addAll(arguments);
        ProcessBuilder gate = new ProcessBuilder(command).redirectErrorStream(true);
        gate.environment().put("HARNESS_MVN", fakeMaven.toString());
        gate.environment().put("HARNESS_STATUS", statusFile.toString());
        gate.environment().put("HARNESS_PARITY_STATUS", parityFile.toString());
        Process process = gate.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("gate finished").isTrue();
        return new Gate(process.exitValue(), output);
    }

    /** The shell line that writes a status file, one quoted "key=value" per line; nothing for NONE. */
    private static String write(String status, Path file) {
        if (status.equals("NONE")) {
            return "";
        }
        String lines = java.util.Arrays.stream(status.split("\\|")).map(line -> "'" + line + "'")
                .collect(java.util.stream.Collectors.joining(" "));
        return "printf '%s\\n' " + lines + " > '" + file + "'\n";
    }
}
