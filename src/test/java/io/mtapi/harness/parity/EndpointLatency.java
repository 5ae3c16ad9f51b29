package io.mtapi.harness.parity;

import io.mtapi.harness.checks.ContractOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How long one documented endpoint took on each side: median and p95 over every call of the run
 * (set-up and clean-up included: more samples, same mix on both sides), and whether the candidate
 * counts as slower. Timing noise on a busy machine moves single calls, and for calls that cost CPU
 * (uploads, hashing) whole medians, in either direction; so a ratio counts only when the candidate
 * shifted as a whole: over {@code minSamples} calls a side, a median at least {@code minDifference}
 * slower ({@link ParitySettings}), and above the baseline's p95 (most of its calls slower than nearly
 * all of the baseline's). Otherwise the endpoint is judged as fast as the baseline (ratio 1.00) and
 * the table says why.
 *
 * @param endpoint  "GET /api/v1/users"
 * @param baseline  the baseline's timings
 * @param candidate the candidate's timings
 * @param verdict   what the numbers mean under the settings
 */
public record EndpointLatency(String endpoint, Timings baseline, Timings candidate, Verdict verdict, double ratio) {

    public enum Verdict {
        /** Counted, and above the maximum ratio: fails the gate. */
        SLOWER,
        /** Counted, within the maximum ratio. */
        WITHIN_RATIO,
        /** The candidate's median is slower by less than the minimum difference: noise, not counted. */
        BELOW_NOISE_FLOOR,
        /** The candidate's median is not above the baseline's p95: inside the baseline's own spread, not counted. */
        WITHIN_BASELINE_SPREAD,
        /** Fewer calls than the minimum on a side: no median to speak of, not counted. */
        TOO_FEW_CALLS
    }

    /** Calls, median and 95th percentile (nearest rank), in milliseconds. */
    public record Timings(int calls, double medianMillis, double p95Millis) {

        static Timings of(List<Long> micros) {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Timings(0, 0, 0);
            }
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
            long p95 = sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
            return new Timings(sorted.length, median / 1000.0, p95 / 1000.0);
        }
    }

    /** The ratio that counts: the measured one when counted, else 1. */
    public double countedRatio() {
        return verdict == Verdict.SLOWER || verdict == Verdict.WITHIN_RATIO ? Math.max(ratio, 1.0) : 1.0;
    }

    /** Every documented endpoint either side called, in endpoint order. */
    static List<EndpointLatency> compare(List<Exchange> baseline, List<Exchange> candidate, ParitySettings settings) {
        Map<String, List<Long>> b = byEndpoint(baseline);
        Map<String, List<Long>> c = byEndpoint(candidate);
        List<EndpointLatency> rows = new ArrayList<>();
        for (String endpoint : new TreeSet<>(union(b, c))) {
            Timings tb = Timings.of(b.getOrDefault(endpoint, List.of()));
            Timings tc = Timings.of(c.getOrDefault(endpoint, List.of()));
            double ratio = tb.medianMillis() > 0 ? tc.medianMillis() / tb.medianMillis() : tc.medianMillis() > 0 ? Double.POSITIVE_INFINITY : 1.0;
            rows.add(new EndpointLatency(endpoint, tb, tc, verdict(tb, tc, ratio, settings), ratio));
        }
        return rows;
    }

    private static Verdict verdict(Timings b, Timings c, double ratio, ParitySettings settings) {
        if (b.calls() < settings.minSamples() || c.calls() < settings.minSamples()) {
            return Verdict.TOO_FEW_CALLS;
        }
        if (c.medianMillis() - b.medianMillis() < settings.minDifference().toNanos() / 1e6) {
            return Verdict.BELOW_NOISE_FLOOR;
        }
        if (c.medianMillis() <= b.p95Millis()) {
            return Verdict.WITHIN_BASELINE_SPREAD;
        }
        return ratio > settings.maxLatencyRatio() ? Verdict.SLOWER : Verdict.WITHIN_RATIO;
    }

    private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** Answered calls to documented endpoints, by "METHOD /template"; the harness's checks left out. */
    private static Map<String, List<Long>> byEndpoint(List<Exchange> exchanges) {
        Map<String, List<Long>> byEndpoint = new TreeMap<>();
        for (Exchange e : exchanges) {
            if (!e.answered() || e.check()) {
                continue;
            }
            Optional<ContractOperations.Operation> operation = ContractOperations.match(e.method(), e.path());
            operation.ifPresent(op -> byEndpoint.computeIfAbsent(op.method() + " " + op.pathTemplate(),
                    k -> new ArrayList<>()).add(e.micros()));
        }
        return byEndpoint;
    }

    /** "12.3 ms (p95 40.1 ms, 8 calls)" */
    static String describe(Timings t) {
        return t.calls() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f ms (p95 %.1f, %d calls)",
                t.medianMillis(), t.p95Millis(), t.calls());
    }

}
