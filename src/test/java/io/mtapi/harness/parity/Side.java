package io.mtapi.harness.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One side of a parity run after it ended: the verdict of each of its tests and what it recorded,
 * or why it could not run at all (its target unreachable, its config broken).
 *
 * @param role      "baseline" or "candidate"
 * @param tests     verdicts by unique test id
 * @param recording what the side sent and received; null when the side never opened its session
 * @param broken    why the side could not run, if it could not
 */
public record Side(String role, Map<String, Outcomes.Entry> tests, Recording recording, Optional<String> broken) {

    public Side {
        tests = Map.copyOf(tests);
    }

    /**
     * Reads a side that ran with {@code outputDir} as its {@code harness.outputDir} and recorded into
     * {@code recordingFile}: broken when its status file says so, or when it left no recording.
     */
    static Side read(String role, Map<String, Outcomes.Entry> tests, Path outputDir, Path recordingFile) {
        Optional<String> broken = brokenReason(outputDir.resolve("harness-status.properties"));
        if (broken.isEmpty() && !Files.isRegularFile(recordingFile)) {
            broken = Optional.of("the " + role + " run left no recording (" + recordingFile + "): no contract test ran"
                    + " against it");
        }
        Recording recording = Files.isRegularFile(recordingFile) ? Recording.read(recordingFile) : null;
        return new Side(role, tests, recording, broken);
    }

    private static Optional<String> brokenReason(Path status) {
        if (!Files.isRegularFile(status)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(status)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status, e);
        }
        return "true".equals(properties.getProperty("broken"))
                ? Optional.of(properties.getProperty("reason", "the run could not start")) : Optional.empty();
    }

    List<Exchange> exchanges() {
        return recording == null ? List.of() : recording.exchanges();
    }

    String target() {
        return recording == null ? "(not reached)" : recording.baseUrl() + " (env " + recording.env() + ", version "
                + recording.version() + ")";
    }
}
