package io.mtapi.harness.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An earlier run's figures, per workload and endpoint: {@code load/baseline/<env>.json}, written by
 * {@code bin/load <workload> --record-baseline} and read by every later run of that environment.
 * Commit it when the build it measured is the one to hold later builds to.
 *
 * @param workloads by workload key ({@code steady}, {@code spike}, {@code bulk})
 */
public record Baseline(String env, Map<String, Recorded> workloads) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * One workload's run.
     *
     * @param plan the plan it ran: figures of another plan (more callers, another pace) are not comparable
     */
    public record Recorded(String recordedAt, String runId, String targetVersion, String plan,
                           Map<String, Figures> endpoints) {
    }

    /** One endpoint's figures. */
    public record Figures(long requests, long p95Millis, long p99Millis, double requestsPerSecond) {
    }

    public Baseline {
        workloads = workloads == null ? Map.of() : Map.copyOf(workloads);
    }

    public Optional<Recorded> of(Workload workload) {
        return Optional.ofNullable(workloads.get(workload.key()));
    }

    /** The baseline of a file, or empty when the environment has none yet. */
    public static Optional<Baseline> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Baseline.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Baseline " + file + " cannot be read (fix it, or record it again with "
                    + "--record-baseline): " + e.getMessage(), e);
        }
    }

    /** This baseline with one workload's figures replaced by a run's; the other workloads are kept. */
    public Baseline with(Workload workload, Recorded recorded) {
        Map<String, Recorded> all = new TreeMap<>(workloads);
        all.put(workload.key(), recorded);
        return new Baseline(env, all);
    }

    public static Recorded recorded(String recordedAt, LoadRun run, List<EndpointResult> results) {
        Map<String, Figures> figures = new LinkedHashMap<>();
        results.forEach(r -> figures.put(r.name(), new Figures(r.requests(), r.p95Millis(), r.p99Millis(),
                Math.round(r.requestsPerSecond() * 100) / 100.0)));
        return new Recorded(recordedAt, run.runId(), run.targetVersion(), run.plan(), figures);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline " + file, e);
        }
    }
}
