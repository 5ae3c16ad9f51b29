package io.mtapi.harness.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mtapi.harness.http.Masking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the simulation's JVM knows about its run and the report step needs: the target, the plan and
 * what it promises per endpoint, provisioning and clean-up, or why the run broke. Written to
 * {@code target/load/run.json} when the load starts and again when the clean-up is done.
 *
 * @param plannedRequestsPerSecond per request name, the throughput the plan injects when the target keeps up
 * @param broken                   the run could not measure the target (bad config, target down, provisioning failed)
 */
public record LoadRun(String workload, String env, String runId, String baseUrl, String targetVersion, String plan,
                      int callers, Map<String, Double> plannedRequestsPerSecond, long provisioningMillis,
                      long cleanupMillis, List<String> leftovers, boolean cleanedUp, boolean broken, String reason) {

    public static final String FILE = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LoadRun {
        plannedRequestsPerSecond = plannedRequestsPerSecond == null ? Map.of() : Map.copyOf(plannedRequestsPerSecond);
        leftovers = leftovers == null ? List.of() : List.copyOf(leftovers);
    }

    /** A run that broke before or while it could measure anything; the reason is masked. */
    public static LoadRun broken(String workload, String env, String reason) {
        return new LoadRun(workload, env, null, null, null, null, 0, Map.of(), 0, 0, List.of(), false, true,
                Masking.text(reason));
    }

    /** The same run after its clean-up. */
    public LoadRun cleanedUp(long millis, List<String> left) {
        return new LoadRun(workload, env, runId, baseUrl, targetVersion, plan, callers, plannedRequestsPerSecond,
                provisioningMillis, millis, left, true, broken, reason);
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    public static LoadRun read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), LoadRun.class);
    }
}
