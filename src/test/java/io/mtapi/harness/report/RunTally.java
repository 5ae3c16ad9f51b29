package io.mtapi.harness.report;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** Test outcomes of one run, per tag: passed, failed, known issue, skipped (with reasons). Thread-safe. */
public final class RunTally {

    public enum Outcome { PASSED, FAILED, KNOWN, SKIPPED }

    private final Map<String, Map<Outcome, LongAdder>> byTag = new ConcurrentHashMap<>();
    private final List<String> skipReasons = new CopyOnWriteArrayList<>();
    private final List<String> fixedKnownIssues = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final LongAdder known = new LongAdder();
    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> notJudged = new ConcurrentHashMap<>();

    /** A test class started. */
    public void classStarted(String testClass) {
        classes.add(testClass);
    }

    /** Test classes that started in the run. */
    public long classes() {
        return classes.size();
    }

    public void record(Set<String> tags, Outcome outcome) {
        if (outcome == Outcome.KNOWN) {
            known.increment();
        }
        for (String tag : tags) {
            byTag.computeIfAbsent(tag, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(outcome, o -> new LongAdder()).increment();
        }
    }

    public void skipped(Set<String> tags, String test, String reason) {
        record(tags, Outcome.SKIPPED);
        skipReasons.add(test + ": " + reason);
    }

    /**
     * A skipped test that could not be judged (a {@code Not judged: } message), counted by
     * "reason; how to enable"; it is counted as skipped too.
     */
    public void notJudged(String reasonAndHowToEnable) {
        notJudged.computeIfAbsent(reasonAndHowToEnable, r -> new LongAdder()).increment();
    }

    /** Tests not judged, by "reason; how to enable", most first. */
    public Map<String, Long> notJudgedByReason() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        notJudged.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> counts.put(e.getKey(), e.getValue().sum()));
        return counts;
    }

    public long notJudgedCount() {
        return notJudged.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void failed(Set<String> tags, String test) {
        record(tags, Outcome.FAILED);
        failures.add(test);
    }

    public void knownIssuePassed(String testId) {
        fixedKnownIssues.add(testId);
    }

    /** Tests reported as known issues. */
    public long knownCount() {
        return known.sum();
    }

    public long count(String tag, Outcome outcome) {
        return byTag.getOrDefault(tag, Map.of()).getOrDefault(outcome, new LongAdder()).sum();
    }

    public Set<String> tags() {
        return new TreeMap<>(byTag).keySet();
    }

    /** Tests that failed and are not known issues: what fails the gate. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> skipReasons() {
        return List.copyOf(skipReasons);
    }

    public List<String> fixedKnownIssues() {
        return List.copyOf(fixedKnownIssues);
    }
}
