package io.mtapi.harness.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The differences between one test's steps on the baseline and on the candidate. The two lists are
 * aligned on their endpoints (longest common subsequence), so a step one side made and the other did
 * not shows once, as a step difference, instead of shifting every later step. Aligned steps differ in
 * their status, or, at the same status, in their body's shape or a header. A side whose test failed
 * stopped where it failed: the other side's steps after the last aligned one are not differences.
 */
final class StepDiff {

    private static final String ABSENT = "(absent)";
    private static final String NO_STEP = "(no such step)";

    private StepDiff() {
    }

    /** Occurrences by "endpoint\naspect". */
    static Map<String, List<Difference.Occurrence>> of(String test, List<Step> baseline, List<Step> candidate,
                                                       boolean baselineFailed, boolean candidateFailed) {
        Map<String, List<Difference.Occurrence>> found = new LinkedHashMap<>();
        int[][] lcs = lcs(baseline, candidate);
        List<int[]> pairs = new ArrayList<>(); // {baseline index or -1, candidate index or -1}
        int i = 0;
        int j = 0;
        while (i < baseline.size() || j < candidate.size()) {
            if (i < baseline.size() && j < candidate.size() && baseline.get(i).endpoint().equals(candidate.get(j).endpoint())) {
                pairs.add(new int[]{i++, j++});
            } else if (j < candidate.size() && (i == baseline.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                pairs.add(new int[]{-1, j++});
            } else {
                pairs.add(new int[]{i++, -1});
            }
        }
        int lastAligned = -1;
        for (int k = 0; k < pairs.size(); k++) {
            if (pairs.get(k)[0] >= 0 && pairs.get(k)[1] >= 0) {
                lastAligned = k;
            }
        }
        for (int k = 0; k < pairs.size(); k++) {
            int bi = pairs.get(k)[0];
            int ci = pairs.get(k)[1];
            boolean trailing = k > lastAligned;
            if (bi >= 0 && ci >= 0) {
                compare(test, bi + 1, baseline.get(bi), candidate.get(ci), found);
            } else if (bi >= 0 && !(trailing && candidateFailed)) {
                add(found, baseline.get(bi).endpoint(), Difference.STEPS,
                        new Difference.Occurrence(test, bi + 1, baseline.get(bi).summary(), NO_STEP));
            } else if (ci >= 0 && !(trailing && baselineFailed)) {
                add(found, candidate.get(ci).endpoint(), Difference.STEPS,
                        new Difference.Occurrence(test, ci + 1, NO_STEP, candidate.get(ci).summary()));
            }
        }
        return found;
    }

    private static void compare(String test, int step, Step b, Step c, Map<String, List<Difference.Occurrence>> found) {
        if (b.status() != c.status()) {
            // The rest of the answer follows from its status: one difference, not three.
            add(found, b.endpoint(), "status", new Difference.Occurrence(test, step, String.valueOf(b.status()),
                    String.valueOf(c.status())));
            return;
        }
        if (!b.shape().equals(c.shape())) {
            add(found, b.endpoint(), "shape", new Difference.Occurrence(test, step, b.shape(), c.shape()));
        }
        TreeSet<String> names = new TreeSet<>(b.headers().keySet());
        names.addAll(c.headers().keySet());
        for (String name : names) {
            String vb = b.headers().getOrDefault(name, ABSENT);
            String vc = c.headers().getOrDefault(name, ABSENT);
            if (!vb.equals(vc)) {
                add(found, b.endpoint(), name, new Difference.Occurrence(test, step, vb, vc));
            }
        }
    }

    private static void add(Map<String, List<Difference.Occurrence>> found, String endpoint, String aspect,
                            Difference.Occurrence occurrence) {
        found.computeIfAbsent(endpoint + "\n" + aspect, k -> new ArrayList<>()).add(occurrence);
    }

    /** lcs[i][j]: length of the longest common subsequence of endpoints of baseline[i..] and candidate[j..]. */
    private static int[][] lcs(List<Step> baseline, List<Step> candidate) {
        int[][] lcs = new int[baseline.size() + 1][candidate.size() + 1];
        for (int i = baseline.size() - 1; i >= 0; i--) {
            for (int j = candidate.size() - 1; j >= 0; j--) {
                lcs[i][j] = baseline.get(i).endpoint().equals(candidate.get(j).endpoint())
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        return lcs;
    }
}
