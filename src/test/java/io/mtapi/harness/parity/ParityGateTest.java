package io.mtapi.harness.parity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/gate} on a parity run asks "is the candidate worse than the baseline?": the parity status
 * decides, tests that fail on both sides do not fail it, a comparison that could not be made is broken.
 */
@Tag("selftest")
@DisplayName("Gate exit codes of a parity run")
class ParityGateTest {

    private static final Path GATE = Path.of(System.getProperty("harness.projectDir", "."), "bin", "gate");

    @ParameterizedTest(name = "run [{0}], parity [{1}], Maven exit {2} -> gate exit {3}")
    @CsvSource(delimiter = ';', value = {
            "failures=0|broken=false; broken=false|worse=0|summary=Parity: 13 tests compared; 0; 0",
            "failures=2|broken=false; broken=false|worse=0|summary=Parity: both fail; 1; 0",
            "failures=1|broken=false; broken=false|worse=1|summary=Parity: 1 regressions; 1; 1",
            "failures=0|broken=false; broken=false|worse=2|summary=Parity: 2 behaviour differences; 0; 1",
            "failures=0|broken=false; broken=true|reason=the baseline could not run; 0; 2",
            "failures=0|broken=false; broken=false|worse=0|summary=Parity: ok; 1; 2",
            "failures=3|broken=false; NONE; 1; 1"
    })
    void parityStatusDecides(String run, String parity, int mavenExit, int expectedGateExit, @TempDir Path dir)
            throws IOException, InterruptedException {
        Path runStatus = dir.resolve("harness-status.properties");
        Path parityStatus = dir.resolve("parity-status.properties");
        // A stand-in for Maven: writes the status files a real run would have written, exits like Maven would.
        Path fakeMaven = dir.resolve("fake-mvn");
        Files.writeString(fakeMaven, "#!/usr/bin/env bash\n" + write(run, runStatus) + write(parity, parityStatus)
                + "exit " + mavenExit + "\n");
        Files.setPosixFilePermissions(fakeMaven, PosixFilePermissions.fromString("rwx------"));

        ProcessBuilder gate = new ProcessBuilder("bash", GATE.toString(), "-Dparity.baseline=http://baseline").redirectErrorStream(true);
        gate.environment().put("HARNESS_MVN", fakeMaven.toString());
        gate.environment().put("HARNESS_STATUS", runStatus.toString());
        gate.environment().put("HARNESS_PARITY_STATUS", parityStatus.toString());
        Process process = gate.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("gate finished").isTrue();

        assertThat(process.exitValue()).as("gate exit code for run [%s], parity [%s], Maven exit %d; output: %s",
                run, parity, mavenExit, output).isEqualTo(expectedGateExit);
        if (expectedGateExit == 1 && !parity.equals("NONE")) {
            assertThat(output).contains("worse than the baseline", "target/parity.md");
        }
    }

    /** The shell line that writes a status file, one quoted "key=value" per line. */
    private static String write(String status, Path file) {
        if (status.equals("NONE")) {
            return "";
        }
        String lines = java.util.Arrays.stream(status.split("\\|")).map(line -> "'" + line + "'")
                .collect(java.util.stream.Collectors.joining(" "));
        return "printf '%s\\n' " + lines + " > '" + file + "'\n";
    }
}
