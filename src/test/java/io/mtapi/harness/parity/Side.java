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
 * @param status    what its run cost and left (its {@code harness-status.properties}: requests, leftovers...)
 */
public record Side(String role, Map<String, Outcomes.Entry> tests, Recording recording, Optional<String> broken,
                   Map<String, String> status) {

    public Side {
        tests = Map.copyOf(tests);
        status = Map.copyOf(status);
    }

    /**
     * Reads a side that ran with {@code outputDir} as its {@code harness.outputDir} and recorded into
     * {@code recordingFile}: broken when its status file says so, or when it left no recording.
     */
    static Side read(String role, Map<String, Outcomes.Entry> tests, Path outputDir, Path recordingFile) {
        Map<String, String> status = status(outputDir.resolve("harness-status.properties"));
        Optional<String> broken = "true".equals(status.get("broken"))
                ? Optional.of(status.getOrDefault("reason", "the run could not start")) : Optional.empty();
        if (broken.isEmpty() && !Files.isRegularFile(recordingFile)) {
            broken = Optional.of("the " + role + " run left no recording (" + recordingFile + "): no contract test ran"
                    + " against it");
        }
        Recording recording = Files.isRegularFile(recordingFile) ? Recording.read(recordingFile) : null;
        return new Side(role, tests, recording, broken, status);
    }

    private static Map<String, String> status(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> status = new java.util.TreeMap<>();
        properties.stringPropertyNames().forEach(key -> status.put(key, properties.getProperty(key)));
        return status;
    }

    List<Exchange> exchanges() {
        return recording == null ? List.of() : recording.exchanges();
    }

    /** "http://... (env stage, version 2.3.1): 52 requests, 0 retries, 0 lost answers, 0 leftovers" */
    String target() {
        String where = recording == null ? "(not reached)" : recording.baseUrl() + " (env " + recording.env() + ", version "
                + recording.version() + ")";
        return status.containsKey("requests") ? where + ": " + status.get("requests") + " requests, "
                + status.getOrDefault("retries", "0") + " retries, " + status.getOrDefault("lostAnswers", "0")
                + " lost answers, " + status.getOrDefault("leftovers", "0") + " leftovers" : where;
    }
}
