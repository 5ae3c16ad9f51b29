package io.mtapi.harness.parity;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.mtapi.harness.config.ConfigLoader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The candidate environment's parity keys ({@code parity} in {@code config/base.conf}): how much slower
 * an endpoint may be, below which difference a latency ratio does not count, and which behaviour
 * differences are accepted.
 *
 * @param maxLatencyRatio candidate median / baseline median above which an endpoint is slower
 *                        ({@code parity.maxLatencyRatio}, default 1.5)
 * @param minDifference   a ratio counts only when the candidate's median is at least this much slower
 *                        ({@code parity.latency.minDifference}): below it, timing noise of a busy machine or
 *                        network would cry wolf on loopback calls of a few milliseconds
 * @param minSamples      a ratio counts only for endpoints called at least this often on each side
 *                        ({@code parity.latency.minSamples}): one slow call is no median
 * @param accepted        behaviour differences this environment accepts, each with its reason
 */
public record ParitySettings(double maxLatencyRatio, Duration minDifference, int minSamples,
                             List<AcceptedDifference> accepted) {

    private static final Set<String> ASPECTS = Set.of("status", "shape", Difference.STEPS, "Content-Type",
            "WWW-Authenticate", "Allow", "Content-Disposition", "Retry-After");

    public ParitySettings {
        accepted = List.copyOf(accepted);
    }

    /** The defaults of {@code config/base.conf}, nothing accepted. */
    public static ParitySettings defaults() {
        return new ParitySettings(1.5, Duration.ofMillis(50), 5, List.of());
    }

    /** The parity keys of the run's environment (-Denv / API_ENV), with the usual overrides. */
    static ParitySettings load(Function<String, Optional<String>> properties) {
        ConfigLoader loader = ConfigLoader.withProperties(properties);
        return from(loader.layered(loader.env()), loader.env());
    }

    static ParitySettings from(Config c, String env) {
        try {
            double ratio = c.getDouble("parity.maxLatencyRatio");
            if (ratio < 1) {
                throw invalid(c, "parity.maxLatencyRatio", "must be at least 1 (candidate median / baseline median), got " + ratio);
            }
            int minSamples = c.getInt("parity.latency.minSamples");
            if (minSamples < 1) {
                throw invalid(c, "parity.latency.minSamples", "must be a positive number of calls, got " + minSamples);
            }
            return new ParitySettings(ratio, c.getDuration("parity.latency.minDifference"), minSamples, accepted(c, env));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("Parity config for environment '" + env + "' is invalid: " + e.getMessage()
                    + ". The parity keys are documented in config/base.conf.", e);
        }
    }

    private static List<AcceptedDifference> accepted(Config c, String env) {
        List<AcceptedDifference> accepted = new ArrayList<>();
        for (Config entry : c.getConfigList("parity.accepted")) {
            String where = "parity.accepted entry in config for environment '" + env + "' (" + entry.origin().description() + ")";
            String endpoint = entry.getString("endpoint").trim();
            if (!endpoint.matches("[A-Z]+ /\\S*") && !endpoint.equals(AcceptedDifference.EVERY_ENDPOINT)) {
                throw new IllegalArgumentException(where + ": endpoint must read 'METHOD /path/template' as parity.md names it, "
                        + "or '*' for every endpoint, got '" + endpoint + "'.");
            }
            String aspect = entry.getString("aspect").trim();
            if (ASPECTS.stream().noneMatch(aspect::equalsIgnoreCase) && !aspect.startsWith("X-RateLimit-")) {
                throw new IllegalArgumentException(where + ": aspect must be one of " + new java.util.TreeSet<>(ASPECTS)
                        + " or an X-RateLimit-* header, got '" + aspect + "'.");
            }
            String reason = entry.hasPath("reason") ? entry.getString("reason").trim() : "";
            if (reason.isEmpty()) {
                throw new IllegalArgumentException(where + " has no reason: say why the difference is fine.");
            }
            Optional<String> candidate = entry.hasPath("candidate") ? Optional.of(entry.getString("candidate")) : Optional.empty();
            accepted.add(new AcceptedDifference(endpoint, aspect, candidate, reason));
        }
        return accepted;
    }

    private static IllegalArgumentException invalid(Config c, String key, String problem) {
        return new IllegalArgumentException("Config key '" + key + "' (set in " + c.getValue(key).origin().description()
                + ") " + problem + ".");
    }

    /** "median is more than 1.5x the baseline's, at least 50 ms slower and above the baseline's p95, over at least 5 calls on each side" */
    String latencyRule() {
        return "median is more than " + maxLatencyRatio + "x the baseline's, at least " + minDifference.toMillis()
                + " ms slower and above the baseline's p95, over at least " + minSamples + " calls on each side";
    }
}
